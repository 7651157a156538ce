import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import { escapeHtml, type ConsentTarget } from '@pledge/core';
import { sha256Hex } from '../accounts/sha256-hex.js';
import { queueMail } from '../mail/queue-mail.js';
import { messageTemplate } from '../mail/mail-templates.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { hashEmail } from '../suppression/email-hash.js';
import { normaliseMarketingEmail } from '@pledge/core';
import { consentPage } from './consent-page.js';
import type { ConsentState } from './read-consent.js';
import './consent-tables.js';

/** How long an emailed preference link works. */
export const LINK_TTL_MS = 24 * 3600 * 1000;
/** Most links sent to one address in an hour, whoever asks (the form's rate limit is per asker, not per address). */
export const LINKS_PER_HOUR = 3;

/**
 * Sends a preference centre link to an address, whoever asks: the page that asked says the same thing whether or not
 * Pledge knows the address (so it reveals nothing), and only the mailbox's owner can use the link. The token has 256
 * random bits, only its SHA-256 is stored, and it expires after 24 hours.
 */
export async function requestPreferenceLink(deps: Pick<ServiceDeps, 'store' | 'clock' | 'cipher' | 'config' | 'jobs'>, email: string): Promise<void> {
  const normalised = normaliseMarketingEmail(email);
  if (!normalised) return;
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const emailHash = hashEmail(normalised);
  await deps.store.db.transaction().execute(async (trx: Transaction<Database>) => {
    // Nobody can use the form to flood someone's mailbox: past the limit, the asker sees the same page, and no mail goes.
    const recent = await trx
      .selectFrom('consent_link_tokens')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email_hash', '=', emailHash)
      .where('created_at', '>', new Date(now.getTime() - 3600 * 1000))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= LINKS_PER_HOUR) return;
    await trx
      .insertInto('consent_link_tokens')
      .values({ token_hash: sha256Hex(token), email_hash: emailHash, email: deps.cipher.encrypt(normalised, 'consent_link_tokens.email'), created_at: now, expires_at: new Date(now.getTime() + LINK_TTL_MS) })
      .execute();
    await trx.deleteFrom('consent_link_tokens').where('expires_at', '<', now).execute();
    await queueMail(trx, deps, {
      to: normalised,
      template: messageTemplate,
      vars: {
        subject: 'Your privacy choices',
        paragraphs: ['Use the link below to see and change what you have agreed to. It works for 24 hours.', 'If you did not ask for this, ignore this email: nothing changes.'],
        link: { url: `${deps.config.publicUrl.replace(/\/+$/, '')}/consent/preferences?token=${token}`, label: 'Change your privacy choices' },
      },
    });
  });
}

/** The address a preference link token stands for, when it is genuine and not expired. */
export async function emailOfLinkToken(deps: Pick<ServiceDeps, 'store' | 'clock' | 'cipher'>, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await deps.store.db.selectFrom('consent_link_tokens').select(['email', 'expires_at']).where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= deps.clock.now().getTime()) return undefined;
  return deps.cipher.decrypt(row.email, 'consent_link_tokens.email');
}

/** A form token bound to the visitor's preference cookie (signed double submit, OWASP CSRF cheat sheet). */
export function formToken(secret: string, cookieValue: string): string {
  return createHmac('sha256', secret).update(`pledge-preferences|${cookieValue}`).digest('base64url');
}
export function formTokenValid(secret: string, cookieValue: string, given: string): boolean {
  const want = Buffer.from(formToken(secret, cookieValue));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}

const describeTarget = (t: Pick<ConsentTarget, 'mode' | 'directMarketing'>): string =>
  t.mode === 'opt_in'
    ? 'We do this only if you say yes. You can change your mind at any time.'
    : t.directMarketing
      ? 'We may do this unless you say no. Saying no is an objection to direct marketing: we will then never send you marketing again (UK GDPR Art 21(3)).'
      : 'On unless you say no.';

/** The preference centre: one yes/no switch per purpose or category (radio buttons: no JavaScript, keyboard and screen-reader friendly). */
/** The date of an ISO time, as people read it in the UK ("2 March 2026"). */
const dayOf = (iso: string): string => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/**
 * What the page says under a switch the browser's Global Privacy Control signal speaks to: refused by the signal, or a
 * choice the person made themselves earlier, which stands (as in the banner: a stored choice is not overridden by the
 * signal) and is shown as it is recorded, with the way to follow the signal.
 */
function gpcNote(t: ConsentState['targets'][number]): string {
  if (t.state === 'refused' && t.method === 'gpc') return '<p class="pledge-hint pledge-gpc-note">Set to No because your browser sends the Global Privacy Control signal.</p>';
  if (t.state === 'granted' && t.at) {
    return `<p class="pledge-hint pledge-gpc-note">Your browser sends the Global Privacy Control signal, but on ${escapeHtml(dayOf(t.at))} you said yes to this yourself, so it stays yes until you choose No.</p>`;
  }
  return '';
}

/**
 * The preference centre: one yes/no switch per purpose or category (radio buttons: no JavaScript, keyboard and screen-reader friendly).
 * `gpcKeys`: when the browser sends `Sec-GPC: 1` and the declaration honours it, the keys the signal refuses.
 */
export function preferencesPage(opts: { organisation?: string | undefined; who: string; state: ConsentState; kinds: ('purpose' | 'cookie')[]; csrf: string; saved?: boolean; gpcKeys?: readonly string[] | undefined }): string {
  const targets = opts.state.targets.filter((t) => opts.kinds.includes(t.kind));
  const objected = opts.state.suppressed.some((s) => s.reason === 'objection');
  const gpc = new Set(opts.gpcKeys ?? []);
  const gpcShown = targets.filter((t) => gpc.has(t.key));
  const fieldsets = targets.map((t, i) => {
    // A switch the signal refuses is never shown pre-set to yes unless the person said yes themselves (GPC; PECR reg 6).
    const on = t.state === null ? t.mode === 'opt_out' && !gpc.has(t.key) : t.state === 'granted';
    const id = `choice-${i}`;
    const note =
      (objected && t.directMarketing ? '<p class="pledge-hint"><strong>You have objected to direct marketing, so we will not send you any, whatever this says.</strong></p>' : '') +
      (gpc.has(t.key) ? gpcNote(t) : '');
    return `<fieldset aria-describedby="${id}-hint"><legend>${escapeHtml(t.name)}</legend><p class="pledge-hint" id="${id}-hint">${escapeHtml(describeTarget(t))}</p>${note}
<label><input type="radio" name="choice.${escapeHtml(t.key)}" value="granted"${on ? ' checked' : ''}> Yes</label>
<label><input type="radio" name="choice.${escapeHtml(t.key)}" value="refused"${on ? '' : ' checked'}> No</label></fieldset>`;
  });
  const body = [
    opts.saved ? '<p class="pledge-status" role="status">Your choices are saved.</p>' : '',
    gpcShown.length
      ? `<p class="pledge-status" id="pledge-gpc">Your browser sends the Global Privacy Control signal, and we honour it: we treat it as your no to ${escapeHtml(
          gpcShown.map((t) => t.name).join(', '),
        )}, unless you said yes here yourself. You can still change each choice below.</p>`
      : '',
    `<p>Choices for <strong>${escapeHtml(opts.who)}</strong>.</p>`,
    targets.length === 0
      ? '<p>There is nothing here that rests on your choice.</p>'
      : `<form method="post" action="/consent/preferences"><input type="hidden" name="csrf" value="${escapeHtml(opts.csrf)}">
${fieldsets.join('\n')}
<div class="pledge-actions"><button type="submit" name="action" value="save">Save my choices</button><button type="submit" name="action" value="refuse_all" class="pledge-secondary">Say no to all of these</button></div></form>`,
  ];
  return consentPage({ organisation: opts.organisation, title: 'Your privacy choices', bodyHtml: body.join('\n') });
}

export function requestLinkPage(opts: { organisation?: string | undefined; csrf: string; sent?: boolean; error?: string }): string {
  const body = opts.sent
    ? '<p class="pledge-status" role="status">If that address can receive email, a link to your choices is on its way. It works for 24 hours.</p>'
    : `${opts.error ? `<p class="pledge-problem" role="alert">${escapeHtml(opts.error)}</p>` : ''}<p>Enter your email address and we will send you a link to see and change what you have agreed to.</p>
<form method="post" action="/consent/preferences/link"><input type="hidden" name="csrf" value="${escapeHtml(opts.csrf)}">
<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required${opts.error ? ' aria-invalid="true"' : ''}>
<div class="pledge-actions"><button type="submit">Send me a link</button></div></form>`;
  return consentPage({ organisation: opts.organisation, title: 'Your privacy choices', bodyHtml: body });
}
