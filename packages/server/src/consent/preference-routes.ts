import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml, gpcRefusedTargetKeys, type ConsentTarget } from '@pledge/core';
import { PledgeError } from '../errors/pledge-error.js';
import { createHash, randomBytes } from 'node:crypto';
import { sendsGpc } from '../consent-banner/sends-gpc.js';
import type { ServiceDeps } from '../service-deps.js';
import { consentPage, sendConsentPage } from './consent-page.js';
import { currentTargets } from './current-targets.js';
import { openPreferenceObjection, standingObjections } from './preference-objection.js';
import { emailOfLinkToken, requestPreferenceLink, formToken, formTokenValid, LINK_TTL_MS, preferencesPage, requestLinkPage } from './preference-centre.js';
import { consentState, personHistory, type PersonQuery } from './read-consent.js';
import { recordReceipts, type PersonRef, type ReceiptInput } from './record-receipts.js';

const PREFS_COOKIE = 'pledge_prefs';
const ANON_COOKIE = 'pledge_prefs_form';
const BANNER_COOKIE = 'pledge_consent';
const PAGE_LIMIT = { max: 120, timeWindow: '1 minute' };
const LINK_LIMIT = { max: 10, timeWindow: '1 minute' };

const gpcKeysOf = (t: Awaited<ReturnType<typeof currentTargets>>): string[] => (t ? gpcRefusedTargetKeys(t.declaration) : []);

/**
 * Who the page is for. `email`: the person whose emailed link this browser opened (their purposes). `deviceId`: this
 * browser, by the banner's cookie (its cookie categories only, even when the organisation linked the device to a person:
 * the cookie can be read by the site's scripts and copied). `cookie`: what the form token is bound to.
 */
type Visitor = { kind: 'person'; email?: string; deviceId?: string; cookie: string } | { kind: 'none' };
type Person = Extract<Visitor, { kind: 'person' }>;

/**
 * The public preference centre, server-rendered without JavaScript: reached by an emailed link (the token moves from the
 * URL into an HttpOnly cookie at once) or, on the site's own host, by the banner's cookie (its device id). The person's
 * purposes are shown to the link's owner, or to a browser the organisation linked to a person; this browser's cookie
 * categories whenever it carries the banner's cookie (link or not: the browser is what they are about). Every purpose
 * that rests on consent gets a yes/no switch, every purpose that can be objected to (Art 21(1)-(2)) an objection
 * switch in its own part of the page (Art 21(4)); a purpose consented to through the banner follows its cookie
 * categories. Saving records a receipt (method "preference_centre") per person shown, all or none, which feeds the
 * suppression list for marketing; "Say no to all" withdraws every consent in one action (UK GDPR Art 7(3): as easy as
 * giving).
 */
export async function preferenceRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const secret = deps.config.sessionSecret ?? '';
  const secure = deps.config.publicUrl.startsWith('https://');
  const organisation = async () => (await currentTargets(deps.store.db))?.declaration.organisation.legal_name;

  async function visitor(req: FastifyRequest): Promise<Visitor> {
    let email: { email: string; token: string } | undefined;
    const raw = req.cookies[PREFS_COOKIE];
    if (raw) {
      const u = req.unsignCookie(raw);
      if (u.valid && u.value) {
        const e = await emailOfLinkToken(deps, u.value);
        if (e) email = { email: e, token: u.value };
      }
    }
    let deviceId: string | undefined;
    const banner = req.cookies[BANNER_COOKIE];
    if (banner) {
      try {
        const d = (JSON.parse(banner) as { d?: unknown }).d;
        if (typeof d === 'string' && /^[A-Za-z0-9_-]{22,128}$/.test(d)) deviceId = d;
      } catch {
        /* not the banner's cookie */
      }
    }
    if (email) return { kind: 'person', email: email.email, cookie: email.token, ...(deviceId ? { deviceId } : {}) };
    if (!deviceId) return { kind: 'none' };
    // The banner's cookie is readable by every script on the site and copyable into another browser: it proves only that
    // this is (or was) that browser, so it opens the browser's own cookie categories, never the purposes of a person the
    // device was linked to (those need the emailed link, which only the mailbox's owner receives).
    return { kind: 'person', deviceId, cookie: deviceId };
  }

  /** Whose purposes the page shows: the person on the emailed link only. */
  const purposePerson = (v: Person): PersonQuery | undefined => (v.email ? { email: v.email } : undefined);
  /** Whom a purpose choice made on the page is recorded for: the emailed link's address only. */
  const purposeRecipient = (v: Person): PersonRef | undefined => (v.email ? { email: v.email } : undefined);

  /** A form token for visitors without a preference cookie (the link request form). */
  function anonToken(req: FastifyRequest, reply: FastifyReply): string {
    const raw = req.cookies[ANON_COOKIE];
    const u = raw ? req.unsignCookie(raw) : undefined;
    let value = u?.valid && u.value ? u.value : undefined;
    if (!value) {
      value = randomBytes(32).toString('base64url');
      reply.setCookie(ANON_COOKIE, value, { path: '/consent/preferences', httpOnly: true, sameSite: 'lax', secure, signed: true });
    }
    return formToken(secret, value);
  }

  /**
   * Global Privacy Control on this page (UK-RULES section 8; the GPC specification): when the browser sends `Sec-GPC: 1`
   * and the declaration honours it, the switches the signal refuses (gpcRefusedTargetKeys) are shown refused, and the ones
   * the person has never chosen are recorded as refused with method "gpc", as the banner does for a visitor without a
   * stored choice. A receipt is recorded only for the person the page belongs to: the visitor who opened their own emailed
   * link (an HttpOnly cookie holding the link's token) or whose own browser carries the banner's cookie (its device id);
   * a visitor with neither gets nothing recorded, and an earlier choice the person made themselves is never overwritten.
   * Called on GET only: a save (POST) is the person's own choice and records that instead.
   */
  async function honourGpc(req: FastifyRequest, v: Person): Promise<string[] | undefined> {
    if (!sendsGpc(req)) return undefined;
    const t = await currentTargets(deps.store.db);
    if (!t || !v.deviceId) return gpcKeysOf(t);
    // The signal speaks to the device: only cookie categories (the purposes consented to through the banner follow them).
    const keys = gpcKeysOf(t);
    if (keys.length === 0) return keys;
    const person = { deviceId: v.deviceId };
    const state = await consentState(deps, person);
    const unset = state.targets.filter((x) => keys.includes(x.key) && x.state === null).map((x) => x.key);
    if (unset.length) {
      // One receipt however often the page is loaded at once (two tabs): the key names the device, the version and the keys.
      const idempotencyKey = `gpc-prefs.${createHash('sha256').update(`device:${v.deviceId}|${t.version}|${unset.join(',')}`).digest('hex').slice(0, 40)}`;
      await recordReceipts(
        deps,
        [{ person, choices: Object.fromEntries(unset.map((k) => [k, 'refused' as const])), method: 'gpc', page: '/consent/preferences', userAgent: req.headers['user-agent'], ip: req.ip, idempotencyKey }],
        { actor: { type: 'public', id: null, requestId: req.id }, keyScope: `device:${v.deviceId}` },
      );
    }
    return keys;
  }

  async function show(req: FastifyRequest, reply: FastifyReply, v: Visitor, opts: { saved?: boolean; honourGpc?: boolean } = {}): Promise<FastifyReply> {
    const org = await organisation();
    // The page's content depends on the Sec-GPC header: shared caches must keep one copy per value.
    reply.header('vary', 'Sec-GPC');
    if (v.kind === 'none') return sendConsentPage(reply, 200, requestLinkPage({ organisation: org, csrf: anonToken(req, reply) }));
    const gpcKeys = opts.honourGpc ? await honourGpc(req, v) : sendsGpc(req) ? gpcKeysOf(await currentTargets(deps.store.db)) : undefined;
    const who = purposePerson(v);
    const purposes = who ? await consentState(deps, who) : undefined;
    const cookies = v.deviceId ? await consentState(deps, { deviceId: v.deviceId }) : undefined;
    const name = v.email ?? 'this browser';
    const html = preferencesPage({ organisation: org, who: name, purposes, cookies, csrf: formToken(secret, v.cookie), saved: opts.saved ?? false, gpcKeys, offerLink: !v.email });
    return sendConsentPage(reply, 200, html);
  }

  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody, { bodyLimit: 65_536 });
    scope.setErrorHandler(async (error, _req, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      const org = await organisation();
      if (status === 429) return sendConsentPage(reply, 429, consentPage({ organisation: org, title: 'Too many attempts', bodyHtml: '<p class="pledge-problem" role="alert">There have been too many attempts from your network. Wait a minute, then try again.</p>' }));
      if (status && status < 500) return sendConsentPage(reply, status, consentPage({ organisation: org, title: 'The form could not be read', bodyHtml: '<p class="pledge-problem" role="alert">Go back, reload the page and try again.</p>' }));
      throw error;
    });
    const schema = { hide: true } as const;

    scope.get<{ Querystring: { token?: string; saved?: string; by?: string } }>('/consent/preferences', { config: { access: 'public', rateLimit: PAGE_LIMIT }, schema }, async (req, reply) => {
      const token = req.query.token;
      if (typeof token === 'string') {
        const email = await emailOfLinkToken(deps, token);
        if (!email) {
          return sendConsentPage(reply, 410, consentPage({ organisation: await organisation(), title: 'This link has expired', bodyHtml: '<p class="pledge-problem" role="alert">The link is older than 24 hours, or incomplete. <a href="/consent/preferences">Ask for a new link</a>.</p>' }));
        }
        // The token leaves the address bar (and browser history) at once: it lives on in an HttpOnly cookie.
        reply.setCookie(PREFS_COOKIE, token, { path: '/consent/preferences', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: Math.floor(LINK_TTL_MS / 1000) });
        return reply.status(303).header('location', '/consent/preferences').send();
      }
      // ?by=email: the form asking for an emailed link, also for a browser the banner's cookie already opens the page for.
      if (req.query.by === 'email') return show(req, reply, { kind: 'none' });
      return show(req, reply, await visitor(req), { honourGpc: true, saved: req.query.saved === '1' });
    });

    scope.post<{ Body: Record<string, string | string[]> }>('/consent/preferences', { config: { access: 'public', rateLimit: PAGE_LIMIT }, schema }, async (req, reply) => {
      const v = await visitor(req);
      const form = req.body ?? {};
      const csrf = typeof form.csrf === 'string' ? form.csrf : '';
      if (v.kind === 'none' || !formTokenValid(secret, v.cookie, csrf)) {
        return sendConsentPage(reply, 400, consentPage({ organisation: await organisation(), title: 'Your choices were not saved', bodyHtml: '<p class="pledge-problem" role="alert">The page had expired. <a href="/consent/preferences">Open your choices again</a> and save them.</p>' }));
      }
      const t = await currentTargets(deps.store.db);
      const refuseAll = form.action === 'refuse_all';
      /** The choices the form gave for the targets shown; "no to all" refuses consents and cookies and objects to direct
       * marketing, never a qualified objection (Art 21(1) rests on the person's own situation: made one by one). */
      const choicesOf = (targets: readonly ConsentTarget[]): Record<string, 'granted' | 'refused'> => {
        const out: Record<string, 'granted' | 'refused'> = {};
        for (const x of targets) {
          const given = form[`choice.${x.key}`];
          if (refuseAll && x.mode !== 'object') out[x.key] = 'refused';
          else if (!refuseAll && (given === 'granted' || given === 'refused')) out[x.key] = given;
        }
        return out;
      };
      const inputs: ReceiptInput[] = [];
      const common = { method: 'preference_centre' as const, page: '/consent/preferences', userAgent: req.headers['user-agent'], ip: req.ip };
      const forPurposes = purposeRecipient(v);
      if (forPurposes) {
        const choices = choicesOf((t?.targets ?? []).filter((x) => x.kind === 'purpose' && !x.cookieKeys));
        if (Object.keys(choices).length) inputs.push({ person: forPurposes, choices, ...common });
      }
      if (v.deviceId) {
        const choices = choicesOf((t?.targets ?? []).filter((x) => x.kind === 'cookie'));
        // One receipt for the device when the purposes are recorded for it too (a linked browser).
        const same = inputs.find((r) => r.person.deviceId === v.deviceId);
        if (same) Object.assign(same.choices, choices);
        else if (Object.keys(choices).length) inputs.push({ person: { deviceId: v.deviceId }, choices, ...common });
      }
      if (inputs.length) {
        try {
          await recordReceipts(deps, inputs, { actor: { type: 'public', id: null, requestId: req.id }, keyScope: v.email ? 'preference_centre' : `device:${v.deviceId}` });
        } catch (e) {
          // The age rule (Art 8): said in plain words; nothing was saved (all or none).
          const reason = e instanceof PledgeError ? (e.details as { reason?: string } | undefined)?.reason : undefined;
          if (reason !== 'parental_consent_required' && reason !== 'below_minimum_age') throw e;
          const why =
            reason === 'below_minimum_age'
              ? 'We have been told your age, and our services are not offered to people of that age, so we cannot record a yes.'
              : 'We have been told you are under the age at which you can agree to this yourself, so a parent or guardian must agree for you.';
          return sendConsentPage(reply, 422, consentPage({ organisation: await organisation(), title: 'Your choices were not saved', bodyHtml: `<p class="pledge-problem" role="alert">${escapeHtml(why)} You can still say no to anything. <a href="/consent/preferences">Back to your choices</a>.</p>` }));
        }
      }
      // An Art 21(1) objection by the person on the emailed link also opens a rights request for staff, from the objections
      // the ledger now holds (so one whose request failed to open after its receipt was stored opens at the next save).
      if (v.email) {
        const purposes = standingObjections((await consentState(deps, { email: v.email })).targets, await personHistory(deps, { email: v.email }));
        if (purposes.length) await openPreferenceObjection(deps, { email: v.email, purposes, actor: { type: 'public', id: null, requestId: req.id } });
      }
      // Post/redirect/get: reloading the page afterwards shows the choices again instead of sending the form twice.
      return reply.status(303).header('location', '/consent/preferences?saved=1').header('cache-control', 'no-store').send();
    });

    scope.post<{ Body: Record<string, string> }>('/consent/preferences/link', { config: { access: 'public', rateLimit: LINK_LIMIT }, schema }, async (req, reply) => {
      const form = req.body ?? {};
      const raw = req.cookies[ANON_COOKIE];
      const u = raw ? req.unsignCookie(raw) : undefined;
      const org = await organisation();
      if (!u?.valid || !u.value || !formTokenValid(secret, u.value, typeof form.csrf === 'string' ? form.csrf : '')) {
        return sendConsentPage(reply, 400, requestLinkPage({ organisation: org, csrf: anonToken(req, reply), error: 'The page had expired: enter your address again.' }));
      }
      const email = typeof form.email === 'string' ? form.email.trim() : '';
      if (!email || email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        return sendConsentPage(reply, 400, requestLinkPage({ organisation: org, csrf: anonToken(req, reply), error: 'Enter an email address, like name@example.com.' }));
      }
      // Known or not, the same answer (and a link that only the mailbox's owner receives).
      await requestPreferenceLink(deps, email);
      return sendConsentPage(reply, 200, requestLinkPage({ organisation: org, csrf: '', sent: true }));
    });
  });
}
