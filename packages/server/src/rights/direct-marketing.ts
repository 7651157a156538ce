import type { Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import type { Database } from '../store/database.js';
import { suppressEmail } from '../suppression/suppress-email.js';
import { recordEvent, type RequestRow, type RightsDeps } from './apply-action.js';

/**
 * An objection to direct marketing is absolute and takes effect at once (UK GDPR Art 21(2)-(3)): no balancing, no
 * waiting for staff. Called in the transaction that receives the request: the address goes on the marketing
 * suppression list (stored as the SHA-256 of the normalised address, the same hash as rights_requests.email_hash),
 * which every marketing send checks, so the person is not added back.
 */
export async function onDirectMarketingObjection(trx: Transaction<Database>, deps: RightsDeps, row: RequestRow, actor: Actor): Promise<void> {
  if (row.email_hash === null) {
    // A letter or call without an address: there is nothing to hash; staff must stop post and phone marketing by hand.
    await recordEvent(trx, deps, { requestId: row.id, actor, kind: 'marketing_objection', summary: 'Objection to direct marketing with no email address: stop marketing by post and phone to this person at once, by hand (Art 21(3))', data: { emailHash: null } });
    return;
  }
  const result = await suppressEmail(trx, deps, { emailHash: row.email_hash, reason: 'objection', source: 'rights_request', actor });
  await recordEvent(trx, deps, {
    requestId: row.id,
    actor,
    kind: 'marketing_objection',
    summary: `Objection to direct marketing: on the suppression list at once (Art 21(3))${result.added ? '' : ', where it already was'}`,
    data: { emailHash: row.email_hash, scope: result.scope, added: result.added },
  });
}
