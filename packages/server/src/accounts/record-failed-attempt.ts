import type { Selectable, Transaction } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Database } from '../store/database.js';
import type { AccountsDeps } from './accounts-deps.js';
import type { UsersTable } from './accounts-tables.js';
import { LOCKOUT } from './lockout.js';
import { actorFor, type RequestContext } from './request-context.js';

/**
 * Counts a wrong password or MFA code against the account and locks it for 15 minutes at the fifth in a row.
 * Audits the failure (and the lock) in `trx`. Returns the end of the lock when this attempt caused one.
 */
export async function recordFailedAttempt(
  trx: Transaction<Database>,
  deps: Pick<AccountsDeps, 'clock'>,
  user: Selectable<UsersTable>,
  ctx: RequestContext,
  audit: { action: string; reason: string },
): Promise<Date | null> {
  const now = deps.clock.now();
  // A lock that has run out starts a fresh count.
  const failures = (user.locked_until ? 0 : user.failed_logins) + 1;
  const lock = failures >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMs) : null;
  await trx.updateTable('users').set({ failed_logins: lock ? 0 : failures, locked_until: lock }).where('id', '=', user.id).execute();
  const subject = { type: 'user', id: user.id };
  await appendAudit(trx, deps.clock, { actor: actorFor('user', user.id, ctx), action: audit.action, subject, details: { reason: audit.reason, failures } });
  if (lock) await appendAudit(trx, deps.clock, { actor: actorFor('system', null, ctx), action: 'user.locked', subject, after: { lockedUntil: lock.toISOString() } });
  return lock;
}
