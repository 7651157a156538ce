import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { gpcRefusedTargetKeys } from '@pledge/core';
import { createHash, randomBytes } from 'node:crypto';
import { sendsGpc } from '../consent-banner/sends-gpc.js';
import type { ServiceDeps } from '../service-deps.js';
import { consentPage, sendConsentPage } from './consent-page.js';
import { currentTargets } from './current-targets.js';
import { emailOfLinkToken, requestPreferenceLink, formToken, formTokenValid, LINK_TTL_MS, preferencesPage, requestLinkPage } from './preference-centre.js';
import { consentState } from './read-consent.js';
import { recordReceipts } from './record-receipts.js';

const PREFS_COOKIE = 'pledge_prefs';
const ANON_COOKIE = 'pledge_prefs_form';
const BANNER_COOKIE = 'pledge_consent';
const PAGE_LIMIT = { max: 120, timeWindow: '1 minute' };
const LINK_LIMIT = { max: 10, timeWindow: '1 minute' };

const gpcKeysOf = (t: Awaited<ReturnType<typeof currentTargets>>): string[] => (t ? gpcRefusedTargetKeys(t.declaration) : []);

type Visitor = { kind: 'email'; email: string; cookie: string } | { kind: 'device'; deviceId: string; cookie: string } | { kind: 'none' };

/**
 * The public preference centre, server-rendered without JavaScript: reached by an emailed link (the token moves from the
 * URL into an HttpOnly cookie at once) or, on the site's own host, by the banner's cookie (its device id). Every purpose
 * that rests on consent or can be objected to gets one yes/no switch; saving records a receipt (method
 * "preference_centre"), which feeds the suppression list for marketing; "Say no to all" withdraws everything in one action
 * (UK GDPR Art 7(3): as easy as giving).
 */
export async function preferenceRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const secret = deps.config.sessionSecret ?? '';
  const secure = deps.config.publicUrl.startsWith('https://');
  const organisation = async () => (await currentTargets(deps.store.db))?.declaration.organisation.legal_name;

  async function visitor(req: FastifyRequest): Promise<Visitor> {
    const raw = req.cookies[PREFS_COOKIE];
    if (raw) {
      const u = req.unsignCookie(raw);
      if (u.valid && u.value) {
        const email = await emailOfLinkToken(deps, u.value);
        if (email) return { kind: 'email', email, cookie: u.value };
      }
    }
    const banner = req.cookies[BANNER_COOKIE];
    if (banner) {
      try {
        const d = (JSON.parse(banner) as { d?: unknown }).d;
        if (typeof d === 'string' && /^[A-Za-z0-9_-]{22,128}$/.test(d)) return { kind: 'device', deviceId: d, cookie: d };
      } catch {
        /* not the banner's cookie */
      }
    }
    return { kind: 'none' };
  }

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
  async function honourGpc(req: FastifyRequest, v: Exclude<Visitor, { kind: 'none' }>, kinds: ('purpose' | 'cookie')[]): Promise<string[] | undefined> {
    if (!sendsGpc(req)) return undefined;
    const t = await currentTargets(deps.store.db);
    if (!t) return undefined;
    const keys = gpcRefusedTargetKeys(t.declaration).filter((k) => {
      const kind = t.byKey.get(k)?.kind;
      return kind !== undefined && kinds.includes(kind);
    });
    if (keys.length === 0) return keys;
    const person = v.kind === 'email' ? { email: v.email } : { deviceId: v.deviceId };
    const state = await consentState(deps, person);
    const unset = state.targets.filter((x) => keys.includes(x.key) && x.state === null).map((x) => x.key);
    if (unset.length) {
      const who = v.kind === 'email' ? `email:${v.email}` : `device:${v.deviceId}`;
      // One receipt however often the page is loaded at once (two tabs): the key names the person, the version and the keys.
      const idempotencyKey = `gpc-prefs.${createHash('sha256').update(`${who}|${t.version}|${unset.join(',')}`).digest('hex').slice(0, 40)}`;
      await recordReceipts(
        deps,
        [{ person, choices: Object.fromEntries(unset.map((k) => [k, 'refused' as const])), method: 'gpc', page: '/consent/preferences', userAgent: req.headers['user-agent'], ip: req.ip, idempotencyKey }],
        { actor: { type: 'public', id: null, requestId: req.id }, keyScope: v.kind === 'device' ? `device:${v.deviceId}` : 'preference_centre' },
      );
    }
    return keys;
  }

  async function show(req: FastifyRequest, reply: FastifyReply, v: Visitor, opts: { saved?: boolean; honourGpc?: boolean } = {}): Promise<FastifyReply> {
    const org = await organisation();
    // The page's content depends on the Sec-GPC header: shared caches must keep one copy per value.
    reply.header('vary', 'Sec-GPC');
    if (v.kind === 'none') return sendConsentPage(reply, 200, requestLinkPage({ organisation: org, csrf: anonToken(req, reply) }));
    const kinds: ('purpose' | 'cookie')[] = v.kind === 'email' ? ['purpose'] : ['cookie'];
    const gpcKeys = opts.honourGpc ? await honourGpc(req, v, kinds) : sendsGpc(req) ? gpcKeysOf(await currentTargets(deps.store.db)) : undefined;
    const state = await consentState(deps, v.kind === 'email' ? { email: v.email } : { deviceId: v.deviceId });
    const html = preferencesPage({ organisation: org, who: v.kind === 'email' ? v.email : 'this browser', state, kinds, csrf: formToken(secret, v.cookie), saved: opts.saved ?? false, gpcKeys });
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

    scope.get<{ Querystring: { token?: string; saved?: string } }>('/consent/preferences', { config: { access: 'public', rateLimit: PAGE_LIMIT }, schema }, async (req, reply) => {
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
      const shown = (t?.targets ?? []).filter((x) => (v.kind === 'email' ? x.kind === 'purpose' : x.kind === 'cookie'));
      const refuseAll = form.action === 'refuse_all';
      const choices: Record<string, 'granted' | 'refused'> = {};
      for (const x of shown) {
        const given = form[`choice.${x.key}`];
        if (refuseAll) choices[x.key] = 'refused';
        else if (given === 'granted' || given === 'refused') choices[x.key] = given;
      }
      if (Object.keys(choices).length) {
        await recordReceipts(
          deps,
          [{ person: v.kind === 'email' ? { email: v.email } : { deviceId: v.deviceId }, choices, method: 'preference_centre', page: '/consent/preferences', userAgent: req.headers['user-agent'], ip: req.ip }],
          { actor: { type: 'public', id: null, requestId: req.id }, keyScope: v.kind === 'device' ? `device:${v.deviceId}` : 'preference_centre' },
        );
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
