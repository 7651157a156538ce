import { createHmac } from 'node:crypto';
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';

export const CSRF_COOKIE = 'pledge_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token as the plugin reads it: a header for scripts, or a `_csrf` form field for plain HTML forms. */
function tokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as { _csrf?: unknown } | undefined;
  const fromBody = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  const header = request.headers['x-csrf-token'] ?? request.headers['csrf-token'] ?? request.headers['x-xsrf-token'];
  return fromBody ?? (typeof header === 'string' ? header : undefined);
}

/**
 * Rules for browser sessions that apply to every route, including routes other capabilities add:
 * - a session still waiting for its second factor reaches only 'account:self' routes (whether or not MFA is
 *   required for all: a password alone never opens an MFA-protected account);
 * - a state-changing request authenticated by the session cookie must carry a CSRF token bound to that session
 *   (OWASP CSRF Prevention Cheat Sheet: synchronizer token, in addition to SameSite cookies). Requests with an
 *   API key are exempt: a browser never adds an Authorization header by itself. Public routes need no token.
 */
export async function registerSessionGuards(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const secret = deps.config.sessionSecret;
  if (!secret) throw new Error('The session secret is missing: startService fills it in (ensureSecrets) before routes are built.');
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: deps.config.publicUrl.startsWith('https://'), signed: true },
    // The token is an HMAC over the session id too, so a token fetched in one session is useless in another.
    getUserInfo: (req) => (req.principal?.kind === 'user' ? req.principal.sessionId : ''),
    getToken: (req) => tokenOf(req),
    csrfOpts: { hmacKey: createHmac('sha256', secret).update('pledge-csrf').digest() },
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    const p = request.principal;
    if (p?.kind === 'user' && !p.mfaVerified && access !== undefined && access !== 'public' && access !== 'account:self') {
      throw new PledgeError('mfa_required', 'Multi-factor authentication is required: complete the one-time code step (POST /api/auth/mfa), or enrol an authenticator app.');
    }
  });

  app.addHook('preValidation', (request, reply, done) => {
    const access = request.routeOptions.config?.access;
    if (SAFE_METHODS.has(request.method) || access === undefined || access === 'public' || request.principal?.kind !== 'user') return done();
    if (!tokenOf(request)) return done(new PledgeError('forbidden', 'This request needs a CSRF token: get one from GET /api/auth/csrf and send it in the X-CSRF-Token header.', { reason: 'csrf_missing' }));
    // The plugin reports a bad token by sending an error on the reply; catch that and answer in Pledge's own format.
    const relay = Object.create(reply) as FastifyReply;
    relay.send = (() => {
      done(new PledgeError('forbidden', 'The CSRF token is not valid for this session (it belongs to another session, or was altered): get a new one from GET /api/auth/csrf.', { reason: 'csrf_invalid' }));
      return relay;
    }) as FastifyReply['send'];
    app.csrfProtection(request, relay, () => done());
  });
}
