import type { Transaction } from 'kysely';
import type { Database } from '../store/database.js';
import type { AccountsDeps } from './accounts-deps.js';
import { randomToken } from './random-token.js';
import type { RequestContext } from './request-context.js';
import { SESSION_POLICY } from './session-policy.js';
import { sha256Hex } from './sha256-hex.js';

/**
 * Starts a session: a random 256-bit token for the cookie, stored only as its SHA-256 (the row id), so a copy of
 * the database cannot be replayed as a cookie. IP and user agent are encrypted at rest (personal data).
 */
export async function createSession(
  trx: Transaction<Database>,
  deps: Pick<AccountsDeps, 'clock' | 'cipher'>,
  input: { userId: string; mfaVerified: boolean; ctx: RequestContext },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = randomToken(32);
  const id = sha256Hex(token);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_POLICY.absoluteMs);
  await trx
    .insertInto('sessions')
    .values({
      id,
      user_id: input.userId,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      mfa_verified: input.mfaVerified,
      ip: input.ctx.ip ? deps.cipher.encrypt(input.ctx.ip, 'sessions.ip') : null,
      user_agent: input.ctx.userAgent ? deps.cipher.encrypt(input.ctx.userAgent.slice(0, 512), 'sessions.user_agent') : null,
    })
    .execute();
  return { token, id, expiresAt };
}
