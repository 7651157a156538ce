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

type TargetView = ConsentState['targets'][number];

const describeTarget = (t: Pick<ConsentTarget, 'mode' | 'directMarketing' | 'kind'>): string =>
  t.mode === 'opt_in'
    ? 'We do this only if you say yes. You can change your mind at any time.'
    : t.mode === 'object'
      ? 'We do this without asking first. If you object, we stop, and tell you what we decided (UK GDPR Art 21(1)).'
      : t.directMarketing
        ? 'We may do this unless you object. An objection to direct marketing always stops it: we will then never send you marketing again (UK GDPR Art 21(3)).'
        : 'On unless you say no.';

/** The date of an ISO time, as people read it in the UK ("2 March 2026"). */
const dayOf = (iso: string): string => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/**
 * What the page says under a switch the browser's Global Privacy Control signal speaks to: refused by the signal, or a
 * choice the person made themselves earlier, which stands (as in the banner: a stored choice is not overridden by the
 * signal) and is shown as it is recorded, with the way to follow the signal.
 */
function gpcNote(t: TargetView): string {
  if (t.state === 'refused' && t.method === 'gpc') return '<p class="pledge-hint pledge-gpc-note">Set to No because your browser sends the Global Privacy Control signal.</p>';
  if (t.state === 'granted' && t.at) {
    return `<p class="pledge-hint pledge-gpc-note">Your browser sends the Global Privacy Control signal, but on ${escapeHtml(dayOf(t.at))} you said yes to this yourself, so it stays yes until you choose No.</p>`;
  }
  return '';
}

/** What happens after an objection to processing on legitimate interests or a public task (Art 21(1); Art 18(1)(d)). */
function objectionNote(t: TargetView): string {
  if (t.mode !== 'object' || t.state !== 'refused' || !t.at) return '';
  return `<p class="pledge-hint pledge-objected"><strong>You objected on ${escapeHtml(dayOf(t.at))}.</strong> We have stopped this while we consider your objection. We will carry on only if we can show compelling legitimate grounds that override your interests, rights and freedoms, or need it for legal claims; if so, we will tell you why, and you can complain to the Information Commissioner's Office (ico.org.uk). Choose "No objection" if you change your mind.</p>`;
}

function switchOf(t: TargetView, i: number, opts: { gpc: ReadonlySet<string>; objected: boolean }): string {
  // A switch the signal refuses is never shown pre-set to yes unless the person said yes themselves (GPC; PECR reg 6).
  const on = t.state === null ? t.mode !== 'opt_in' && !opts.gpc.has(t.key) : t.state === 'granted';
  const id = `choice-${i}`;
  const note =
    (opts.objected && t.directMarketing ? '<p class="pledge-hint"><strong>You have objected to direct marketing, so we will not send you any, whatever this says.</strong></p>' : '') +
    (opts.gpc.has(t.key) ? gpcNote(t) : '') +
    objectionNote(t);
  // Objections are asked as objections (Art 21(4): clearly and separately), consents as yes or no.
  const [yes, no] = t.mode === 'object' || (t.mode === 'opt_out' && t.directMarketing) ? ['No objection', 'I object'] : ['Yes', 'No'];
  return `<fieldset aria-describedby="${id}-hint"><legend>${escapeHtml(t.name)}</legend><p class="pledge-hint" id="${id}-hint">${escapeHtml(describeTarget(t))}</p>${note}
<label><input type="radio" name="choice.${escapeHtml(t.key)}" value="granted"${on ? ' checked' : ''}> ${yes}</label>
<label><input type="radio" name="choice.${escapeHtml(t.key)}" value="refused"${on ? '' : ' checked'}> ${no}</label></fieldset>`;
}

/**
 * A purpose consented to through the cookie banner: no switch of its own (it follows its cookie categories, docs/decisions
 * 0005), so the page says what it follows and, for this browser, whether it is allowed now.
 */
function followsNote(t: TargetView, cookies: ConsentState | undefined): string {
  const names = (t.follows ?? []).map((k) => cookies?.targets.find((c) => c.key === k)?.name ?? k.replace(/^cookie:/, '').replace(/_/g, ' '));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  const allowed = cookies?.allowed[t.key];
  const now = cookies ? `<p>On this browser: <strong>${allowed ? 'allowed' : 'not allowed'}</strong>.</p>` : '';
  const where = cookies ? 'below, for this browser' : 'in the cookie banner of each browser you use ("Cookie settings" at the foot of our pages)';
  return `<section class="pledge-follows" aria-label="${escapeHtml(t.name)}"><h3>${escapeHtml(t.name)}</h3>${now}<p class="pledge-hint">You say yes or no to this with your choice of ${escapeHtml(list)} cookies, ${where}: it is allowed when you say yes to all of them.</p></section>`;
}

/**
 * The preference centre: one yes/no switch per purpose or cookie category (radio buttons: no JavaScript, keyboard and
 * screen-reader friendly), in three parts: what rests on the person's consent; this browser's cookies (when the page is
 * opened in a browser with the banner's cookie); and, clearly and separately (Art 21(4)), the right to object to
 * direct marketing and to processing on legitimate interests or a public task.
 * `purposes`: the person's state, when the page knows the person (an emailed link, or a browser linked to a person);
 * `cookies`: this browser's state, when it has the banner's cookie.
 * `gpcKeys`: when the browser sends `Sec-GPC: 1` and the declaration honours it, the keys the signal refuses.
 */
export function preferencesPage(opts: {
  organisation?: string | undefined;
  who: string;
  purposes?: ConsentState | undefined;
  cookies?: ConsentState | undefined;
  csrf: string;
  saved?: boolean;
  gpcKeys?: readonly string[] | undefined;
  /** Offer the emailed link (the page was not opened from one). */
  offerLink?: boolean;
}): string {
  const purposeTargets = (opts.purposes?.targets ?? []).filter((t) => t.kind === 'purpose');
  const consents = purposeTargets.filter((t) => t.mode === 'opt_in' && !t.follows);
  const followers = purposeTargets.filter((t) => t.follows);
  const objections = purposeTargets.filter((t) => t.mode !== 'opt_in');
  const cookieTargets = (opts.cookies?.targets ?? []).filter((t) => t.kind === 'cookie');
  const objected = [opts.purposes, opts.cookies].some((s) => s?.suppressed.some((x) => x.reason === 'objection'));
  const gpc = new Set(opts.gpcKeys ?? []);
  const gpcShown = cookieTargets.filter((t) => gpc.has(t.key));
  let i = 0;
  const sw = (t: TargetView) => switchOf(t, i++, { gpc, objected });
  const parts: string[] = [];
  if (consents.length || followers.length) {
    parts.push(`<h2>What you agree to</h2>\n${consents.map(sw).join('\n')}${followers.map((t) => followsNote(t, opts.cookies)).join('\n')}`);
  }
  if (cookieTargets.length) parts.push(`<h2>Cookies on this browser</h2>\n${cookieTargets.map(sw).join('\n')}`);
  if (objections.length) {
    parts.push(`<h2 id="pledge-object">Your right to object</h2>
<p>Some things we do without asking for your consent, because we rely on our legitimate interests or a task in the public interest. You have the right to object to them at any time (UK GDPR Art 21). An objection to direct marketing always stops it. For anything else we stop unless we can show compelling legitimate grounds that override your interests, rights and freedoms, or we need it for legal claims (Art 21(1)); it helps if you also tell us about your situation, using the contact details in our privacy notice.</p>
${
  opts.offerLink
    ? '<p class="pledge-hint" id="pledge-object-reply">To get a reply to an objection, open this page from a link we email you (<a href="/consent/preferences?by=email">get a link by email</a>): an objection made on this browser alone is recorded, but we have no address to answer it.</p>'
    : '<p class="pledge-hint" id="pledge-object-reply">When you object here (other than to direct marketing, which simply stops), we treat it as a request and reply by email within one month (UK GDPR Art 12(3)), with a private link to follow it.</p>'
}
${objections.map(sw).join('\n')}`);
  }
  const body = [
    opts.saved ? '<p class="pledge-status" role="status">Your choices are saved.</p>' : '',
    gpcShown.length
      ? `<p class="pledge-status" id="pledge-gpc">Your browser sends the Global Privacy Control signal, and we honour it: we treat it as your no to ${escapeHtml(
          gpcShown.map((t) => t.name).join(', '),
        )} cookies, unless you said yes here yourself. You can still change each choice below.</p>`
      : '',
    `<p>Choices for <strong>${escapeHtml(opts.who)}</strong>.</p>`,
    opts.offerLink ? '<p>For your choices about email and the other things we do with your information, <a href="/consent/preferences?by=email">get a link by email</a>.</p>' : '',
    parts.length === 0
      ? '<p>There is nothing here that rests on your choice.</p>'
      : `<form method="post" action="/consent/preferences"><input type="hidden" name="csrf" value="${escapeHtml(opts.csrf)}">
${parts.join('\n')}
<p class="pledge-hint" id="pledge-no-to-all">"Say no to all of these" withdraws every consent, switches off every cookie that needs your agreement and objects to direct marketing. Other objections are made one by one above, as they depend on your situation.</p>
<div class="pledge-actions"><button type="submit" name="action" value="save">Save my choices</button><button type="submit" name="action" value="refuse_all" class="pledge-secondary" aria-describedby="pledge-no-to-all">Say no to all of these</button></div></form>`,
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
