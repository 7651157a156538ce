import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { toAccountUser, type AccountUser } from './account-user.js';
import { principalPermissions } from './principal-permissions.js';

export interface CallerDescription {
  kind: 'user' | 'api_key';
  user?: AccountUser;
  /** For a user: whether this session has met its MFA obligation. */
  mfaVerified?: boolean;
  apiKey?: { id: string; name: string };
  permissions: Permission[];
}

/** Who the caller is and what they may do (GET /api/me), for the web app to shape itself. */
export async function describeCaller(deps: Pick<AccountsDeps, 'store'>, principal: Principal): Promise<CallerDescription> {
  if (principal.kind === 'api_key') return { kind: 'api_key', apiKey: { id: principal.keyId, name: principal.name }, permissions: [...principal.scopes] };
  if (principal.kind !== 'user') throw new PledgeError('unauthenticated', 'Sign in first.');
  const row = await deps.store.db.selectFrom('users').selectAll().where('id', '=', principal.userId).executeTakeFirst();
  if (!row) throw new PledgeError('unauthenticated', 'Your account no longer exists: sign in again.');
  return { kind: 'user', user: toAccountUser(row), mfaVerified: principal.mfaVerified, permissions: [...principalPermissions(principal)] };
}
