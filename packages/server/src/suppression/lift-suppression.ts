import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import type { SuppressionReason } from './suppression-table.js';
import './suppression-table.js';

/**
 * Removes one suppression entry (an unsubscribe, withdrawal or manual entry: e.g. the person later gave fresh consent).
 * An objection to direct marketing is absolute (UK GDPR Art 21(3)): it is refused here, and the table's trigger refuses
 * it too, whatever asks. Audited.
 * @returns whether an entry was removed.
 */
export async function liftSuppression(
  trx: Transaction<Database>,
  deps: Pick<ServiceDeps, 'clock'>,
  input: { emailHash: string; scope: string; reason: SuppressionReason; actor: Actor; note?: string },
): Promise<boolean> {
  if (input.reason === 'objection') {
    throw new PledgeError('forbidden', 'An objection to direct marketing is absolute (UK GDPR Art 21(3)): it is never removed. The person stays suppressed for all marketing.', {
      reason: 'objection_absolute',
    });
  }
  const removed = await trx
    .deleteFrom('marketing_suppressions')
    .where('email_hash', '=', input.emailHash)
    .where('scope', '=', input.scope)
    .where('reason', '=', input.reason)
    .returning('email_hash')
    .executeTakeFirst();
  if (removed) {
    await appendAudit(trx, deps.clock, {
      actor: input.actor,
      action: 'suppression.lifted',
      subject: { type: 'email_hash', id: input.emailHash },
      details: { reason: input.reason, scope: input.scope, note: input.note ?? null },
    });
  }
  return Boolean(removed);
}
