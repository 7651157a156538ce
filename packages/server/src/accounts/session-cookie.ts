import type { FastifyReply } from 'fastify';
import type { ServiceConfig } from '../config/service-config.js';
import { SESSION_POLICY } from './session-policy.js';

/**
 * Sets the session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site form posts),
 * Secure when Pledge is served over https, signed with the session secret (OWASP Session Management, "Cookies").
 */
export function setSessionCookie(reply: FastifyReply, config: Pick<ServiceConfig, 'publicUrl'>, token: string): void {
  reply.setCookie(SESSION_POLICY.cookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    path: '/',
    signed: true,
    maxAge: Math.floor(SESSION_POLICY.absoluteMs / 1000),
  });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_POLICY.cookieName, { path: '/' });
}
