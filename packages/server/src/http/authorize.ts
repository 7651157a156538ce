import type { FastifyRequest } from 'fastify';
import { roleHas, type Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { RouteAccess } from './route-access.js';

/**
 * Decides whether `principal` may use a route that requires `access`. Throws the error to send otherwise:
 * unauthenticated (401) for nobody, mfa_required (401) for a user who must finish MFA, forbidden (403) for the rest.
 */
export function authorize(principal: Principal, access: RouteAccess, opts: { requireMfa: boolean }): void {
  if (access === 'public') return;
  const permission: Permission = access;
  if (principal.kind === 'anonymous') throw new PledgeError('unauthenticated', 'Sign in, or send an API key in the Authorization header ("Bearer pk_...").');
  if (principal.kind === 'user') {
    if (!principal.mfaVerified && opts.requireMfa && permission !== 'account:self') {
      throw new PledgeError('mfa_required', 'Multi-factor authentication is required: complete the one-time code step, or enrol an authenticator app.');
    }
    if (!roleHas(principal.role, permission)) throw new PledgeError('forbidden', `Your role (${principal.role}) does not allow this (needs ${permission}). Ask an owner.`);
    return;
  }
  if (!principal.scopes.includes(permission)) throw new PledgeError('forbidden', `This API key lacks the scope ${permission}. Create a key with that scope.`);
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export type AuthenticateFn = (request: FastifyRequest) => Promise<Principal>;
