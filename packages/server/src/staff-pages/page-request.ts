import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { describeCaller, type CallerDescription } from '../accounts/describe-caller.js';
import type { ServiceConfig } from '../config/service-config.js';
import type { ServiceDeps } from '../service-deps.js';
import { preSessionToken, preSessionTokenValid } from './pre-session-csrf.js';

/** A posted form as plain strings: a missing, repeated (array) or non-text field reads as ''. */
export function formOf(body: unknown): (name: string) => string {
  const record = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return (name) => {
    const v = Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
    return typeof v === 'string' ? v : '';
  };
}

/** A query string parameter as a string ('' when absent or repeated). */
export function queryParam(request: FastifyRequest, name: string): string {
  const q = request.query as Record<string, unknown> | undefined;
  const v = q && Object.prototype.hasOwnProperty.call(q, name) ? q[name] : undefined;
  return typeof v === 'string' ? v : '';
}

/**
 * Where to go after signing in: only a path on this site ("/staff/mfa", "/api/audit/export?format=csv"), never
 * another site ("//evil.example", "/\\evil.example", "https://..."): an open redirect would let a phishing link
 * borrow Pledge's address. Anything else goes to /staff.
 */
export function safeNext(next: string): string {
  if (next.length > 500 || !/^\/(?![/\\])/.test(next) || /[\\\s\u0000-\u001f\u007f]/.test(next)) return '/staff';
  return next;
}

/** Sends a staff page: HTML, never cached (each is about one person, and some show secrets once). */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** A redirect after a form or to the sign-in page: 303 makes the browser follow with GET. */
export function seeOther(reply: FastifyReply, url: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(url, 303);
}

/**
 * A CSRF token for a form on this page. Signed in: from the same @fastify/csrf-protection set-up as the JSON API
 * (accounts/register-session-guards.ts), bound to the signed `pledge_csrf` secret cookie and to the session id.
 * Not signed in (setup and sign-in forms): a signed double-submit token bound to a pre-session cookie, because
 * the plugin cannot verify tokens without a session (see pre-session-csrf.ts).
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, config: Pick<ServiceConfig, 'sessionSecret' | 'publicUrl'>): string {
  if (request.principal?.kind === 'user') return reply.generateCsrf({ userInfo: request.principal.sessionId });
  return preSessionToken(request, reply, config);
}

/**
 * Whether the posted form carries a valid CSRF token (the `_csrf` field). The session guards check only routes that
 * need a session; these pages are all declared 'public' (to answer with a page or a redirect rather than a 401
 * JSON error), so each of their POST handlers calls this first.
 */
export function csrfValid(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, config: Pick<ServiceConfig, 'sessionSecret'>): Promise<boolean> {
  if (request.principal?.kind !== 'user') return Promise.resolve(preSessionTokenValid(request, config, formOf(request.body)('_csrf')));
  return new Promise((resolve) => {
    // The plugin reports a bad token by sending an error on the reply: catch that instead of sending it.
    const relay = Object.create(reply) as FastifyReply;
    relay.send = (() => {
      resolve(false);
      return relay;
    }) as FastifyReply['send'];
    app.csrfProtection(request, relay, () => resolve(true));
  });
}

export type StaffSession =
  | { state: 'none' }
  /** The password was right; the account has MFA and the code step is still to do. */
  | { state: 'code_pending'; principal: Extract<Principal, { kind: 'user' }> }
  | { state: 'signed_in'; principal: Extract<Principal, { kind: 'user' }>; me: CallerDescription & { user: NonNullable<CallerDescription['user']> } };

/** Where this browser stands: no session (or an API key, which pages do not serve), halfway through MFA, or signed in. */
export async function staffSession(deps: ServiceDeps, request: FastifyRequest): Promise<StaffSession> {
  const p = request.principal;
  if (p?.kind !== 'user') return { state: 'none' };
  const me = await describeCaller(deps, p).catch(() => undefined);
  if (!me?.user) return { state: 'none' };
  if (me.user.mfaEnabled && !p.mfaVerified) return { state: 'code_pending', principal: p };
  return { state: 'signed_in', principal: p, me: { ...me, user: me.user } };
}

/** The sign-in page's address, coming back to `next` afterwards. */
export const signInUrl = (next: string): string => `/signin?next=${encodeURIComponent(safeNext(next))}`;
