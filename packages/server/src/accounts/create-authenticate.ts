import type { FastifyRequest } from 'fastify';
import type { Permission, Role } from '../auth/permissions.js';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AuthenticateFn } from '../http/authorize.js';
import type { AccountsDeps } from './accounts-deps.js';
import { SESSION_POLICY } from './session-policy.js';
import { sha256Hex } from './sha256-hex.js';

/**
 * Identifies the caller of a request: an API key in "Authorization: Bearer pk_..." or the signed session cookie.
 * Neither: anonymous. `mfaVerified` is true when the session has met its MFA obligation: the second factor was
 * given (users with MFA), or none is due (users without MFA where MFA is not required for all).
 */
export function createAuthenticate(deps: AccountsDeps): AuthenticateFn {
  return async (request: FastifyRequest): Promise<Principal> => {
    const auth = request.headers.authorization;
    // Only Bearer is ours: other schemes (e.g. Basic from a staging proxy in front of Pledge) are left alone.
    if (auth !== undefined && /^bearer\s/i.test(auth)) return apiKeyPrincipal(deps, auth);
    const raw = request.cookies?.[SESSION_POLICY.cookieName];
    if (!raw) return ANONYMOUS;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return ANONYMOUS;
    return sessionPrincipal(deps, sha256Hex(unsigned.value));
  };
}

async function apiKeyPrincipal(deps: AccountsDeps, header: string): Promise<Principal> {
  const m = /^Bearer\s+(pk_[A-Za-z0-9_-]{10,100})\s*$/.exec(header);
  if (!m) throw new PledgeError('unauthenticated', 'The bearer token is not a Pledge API key: send "Authorization: Bearer pk_...", or sign in with a session instead.');
  const row = await deps.store.db.selectFrom('api_keys').select(['id', 'name', 'scopes', 'last_used_at', 'revoked_at']).where('key_hash', '=', sha256Hex(m[1]!)).executeTakeFirst();
  if (!row || row.revoked_at) throw new PledgeError('unauthenticated', 'This API key is not valid: it was revoked or never existed. Ask an owner or privacy officer for a new key.');
  const now = deps.clock.now();
  // Last use is a coarse fact; writing it on every call would turn each read into a write (and lock contention).
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= SESSION_POLICY.touchEveryMs) {
    await deps.store.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { kind: 'api_key', keyId: row.id, name: row.name, scopes: row.scopes as Permission[] };
}

async function sessionPrincipal(deps: AccountsDeps, id: string): Promise<Principal> {
  const row = await deps.store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'sessions.expires_at', 'sessions.last_seen_at', 'sessions.mfa_verified', 'users.id as userId', 'users.email', 'users.role', 'users.mfa_enabled', 'users.disabled_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return ANONYMOUS;
  const now = deps.clock.now();
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (row.disabled_at || new Date(row.expires_at) <= now || now.getTime() - lastSeen >= SESSION_POLICY.idleMs) {
    await deps.store.db.deleteFrom('sessions').where('id', '=', id).execute();
    return ANONYMOUS;
  }
  if (now.getTime() - lastSeen >= SESSION_POLICY.touchEveryMs) await deps.store.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  return {
    kind: 'user',
    userId: row.userId,
    email: row.email,
    role: row.role as Role,
    mfaVerified: row.mfa_enabled ? row.mfa_verified : !deps.config.requireMfa,
    sessionId: row.sessionId,
  };
}
