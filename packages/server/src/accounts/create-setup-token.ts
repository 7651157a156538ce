import type { Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../store/database.js';
import { randomToken } from './random-token.js';
import { sha256Hex } from './sha256-hex.js';

/** How long a setup link works. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Makes a one-time setup link token: for the first owner (purpose 'owner') or for an invited user to choose
 * their password (purpose 'user'). Only its hash is stored; the token is returned once.
 */
export async function createSetupToken(
  trx: Transaction<Database>,
  clock: Clock,
  input: { purpose: 'owner' | 'user'; userId?: string; createdBy?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_TTL_MS);
  await trx
    .insertInto('setup_tokens')
    .values({ token_hash: sha256Hex(token), purpose: input.purpose, user_id: input.userId ?? null, created_by: input.createdBy ?? null, created_at: now, expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt };
}
