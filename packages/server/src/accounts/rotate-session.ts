import type { Transaction } from 'kysely';
import type { Database } from '../store/database.js';
import type { AccountsDeps } from './accounts-deps.js';
import { createSession } from './create-session.js';
import type { RequestContext } from './request-context.js';

/**
 * Replaces a session by a new one with a new token when its privilege changes (second factor given), so a token
 * planted or seen before the change is worthless after it (OWASP Session Management: "Renew the Session ID After
 * Any Privilege Level Change"). The new session keeps the old one's absolute expiry.
 */
export async function rotateSession(
  trx: Transaction<Database>,
  deps: Pick<AccountsDeps, 'clock' | 'cipher'>,
  input: { oldSessionId: string; userId: string; mfaVerified: boolean; ctx: RequestContext },
): Promise<{ token: string; id: string }> {
  const old = await trx.deleteFrom('sessions').where('id', '=', input.oldSessionId).returning('expires_at').executeTakeFirst();
  const next = await createSession(trx, deps, { userId: input.userId, mfaVerified: input.mfaVerified, ctx: input.ctx });
  if (old) await trx.updateTable('sessions').set({ expires_at: old.expires_at }).where('id', '=', next.id).execute();
  return { token: next.token, id: next.id };
}
