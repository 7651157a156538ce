import type { AccountsDeps } from '../accounts/accounts-deps.js';
import { sha256Hex } from '../accounts/sha256-hex.js';

export type SetupLink =
  | { state: 'valid'; purpose: 'owner'; expiresAt: Date }
  | { state: 'valid'; purpose: 'user'; expiresAt: Date; email: string; name: string }
  | { state: 'missing' | 'unknown' | 'used' | 'owner_exists' | 'account_gone' }
  | { state: 'expired'; expiresAt: Date; purpose: 'owner' | 'user' };

/**
 * What a setup link token is, without using it: which form to show (the first owner's, or an invited user's
 * password only), or why it cannot be used. `completeSetup` checks all of this again when the form is sent.
 */
export async function inspectSetupLink(deps: Pick<AccountsDeps, 'store' | 'clock'>, token: string): Promise<SetupLink> {
  if (!token) return { state: 'missing' };
  if (token.length > 200) return { state: 'unknown' };
  const row = await deps.store.db.selectFrom('setup_tokens').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row) return { state: 'unknown' };
  if (row.used_at) return { state: 'used' };
  const expiresAt = new Date(row.expires_at);
  const purpose = row.purpose === 'owner' ? 'owner' : 'user';
  if (expiresAt <= deps.clock.now()) return { state: 'expired', expiresAt, purpose };
  if (purpose === 'owner') {
    const any = await deps.store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    return any ? { state: 'owner_exists' } : { state: 'valid', purpose, expiresAt };
  }
  const user = row.user_id ? await deps.store.db.selectFrom('users').select(['email', 'name', 'disabled_at']).where('id', '=', row.user_id).executeTakeFirst() : undefined;
  if (!user || user.disabled_at) return { state: 'account_gone' };
  return { state: 'valid', purpose, expiresAt, email: user.email, name: user.name };
}
