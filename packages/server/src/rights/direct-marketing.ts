import type { Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import type { Database } from '../store/database.js';
import { recordEvent, type RequestRow, type RightsDeps } from './apply-action.js';

/**
 * An objection to direct marketing is absolute and takes effect at once (UK GDPR Art 21(2)-(3)): no balancing, no
 * waiting for staff. Called in the transaction that receives the request. The suppression list (hashed addresses,
 * checked before any marketing send) belongs to the consent capability; see the report for its wiring.
 */
export async function onDirectMarketingObjection(trx: Transaction<Database>, deps: RightsDeps, row: RequestRow, actor: Actor): Promise<void> {
  await recordEvent(trx, deps, {
    requestId: row.id,
    actor,
    kind: 'marketing_objection',
    summary: 'Objection to direct marketing: takes effect at once (Art 21(3))',
    data: { emailHash: row.email_hash },
  });
}
