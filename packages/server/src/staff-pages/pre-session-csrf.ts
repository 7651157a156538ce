import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceConfig } from '../config/service-config.js';

/**
 * CSRF protection for the forms used before signing in (/setup, /signin): against login CSRF, where another site
 * makes a victim's browser sign in to the attacker's account (OWASP CSRF Prevention Cheat Sheet, "Login CSRF").
 *
 * Why not the existing @fastify/csrf-protection set-up (accounts/register-session-guards.ts)? It binds each token to
 * the session id through `getUserInfo`, which is '' when there is no session, and @fastify/csrf refuses to verify
 * any token whose user info is empty. That set-up is shared with the JSON API and is not ours to change, so before a
 * session exists these forms use OWASP's "signed double-submit cookie" instead: a random pre-session value in a
 * signed, HttpOnly, SameSite=Lax cookie (`pledge_presession`), and in the form an HMAC of that value under a key
 * derived from the session secret. Another site can make the browser send the cookie along with a forged form, but
 * it can neither read the page to learn the token nor compute the HMAC, nor plant a cookie it could match.
 * Once signed in, the pages use the plugin's session-bound tokens like the rest of Pledge.
 */
export const PRE_SESSION_COOKIE = 'pledge_presession';

const keyOf = (config: Pick<ServiceConfig, 'sessionSecret'>): Buffer => createHmac('sha256', config.sessionSecret ?? '').update('pledge-pre-session-csrf').digest();
const tokenFor = (config: Pick<ServiceConfig, 'sessionSecret'>, value: string): string => createHmac('sha256', keyOf(config)).update(`pre-session|${value}`).digest('base64url');

/** The browser's pre-session value, if it sent a genuine (signed) one. */
function cookieValue(request: FastifyRequest): string | undefined {
  const raw = request.cookies?.[PRE_SESSION_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value && /^[A-Za-z0-9_-]{43}$/.test(unsigned.value) ? unsigned.value : undefined;
}

/** A token for a form shown before signing in; sets the pre-session cookie when the browser has none. */
export function preSessionToken(request: FastifyRequest, reply: FastifyReply, config: Pick<ServiceConfig, 'sessionSecret' | 'publicUrl'>): string {
  let value = cookieValue(request);
  if (!value) {
    value = randomBytes(32).toString('base64url');
    reply.setCookie(PRE_SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https://'), signed: true });
  }
  return tokenFor(config, value);
}

/** Whether `token` (the form's `_csrf`) matches the browser's pre-session cookie. */
export function preSessionTokenValid(request: FastifyRequest, config: Pick<ServiceConfig, 'sessionSecret'>, token: string): boolean {
  const value = cookieValue(request);
  if (!value || !token) return false;
  const expected = Buffer.from(tokenFor(config, value));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
