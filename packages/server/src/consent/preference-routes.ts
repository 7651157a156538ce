import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COOKIE_KEY_PREFIX } from '@pledge/core';
import { randomBytes } from 'node:crypto';
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

  async function show(req: FastifyRequest, reply: FastifyReply, v: Visitor, saved = false): Promise<FastifyReply> {
    const org = await organisation();
    if (v.kind === 'none') return sendConsentPage(reply, 200, requestLinkPage({ organisation: org, csrf: anonToken(req, reply) }));
    const state = await consentState(deps, v.kind === 'email' ? { email: v.email } : { deviceId: v.deviceId });
    const html = preferencesPage({ organisation: org, who: v.kind === 'email' ? v.email : 'this browser', state, kinds: v.kind === 'email' ? ['purpose'] : ['cookie'], csrf: formToken(secret, v.cookie), saved });
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

    scope.get<{ Querystring: { token?: string } }>('/consent/preferences', { config: { access: 'public', rateLimit: PAGE_LIMIT }, schema }, async (req, reply) => {
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
      return show(req, reply, await visitor(req));
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
      return show(req, reply, v, true);
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
