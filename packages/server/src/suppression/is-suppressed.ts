import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/database.js';
import { emailHashOf } from './email-hash.js';
import type { SuppressionReason } from './suppression-table.js';
import './suppression-table.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SuppressionCheck {
  emailHash: string;
  suppressed: boolean;
  /** Why, when suppressed: each reason with its scope and date. */
  entries: { reason: SuppressionReason; scope: string; since: string }[];
}

/**
 * Which of these hashes must not receive direct marketing (for `purpose`, when given: an entry for all marketing
 * ('*') or for that purpose suppresses; without a purpose, any entry does). One query for the whole batch.
 */
export async function checkSuppressed(db: Db, hashes: readonly string[], purpose?: string): Promise<Map<string, SuppressionCheck>> {
  const out = new Map<string, SuppressionCheck>();
  for (const h of hashes) out.set(h, { emailHash: h, suppressed: false, entries: [] });
  if (hashes.length === 0) return out;
  let q = db.selectFrom('marketing_suppressions').select(['email_hash', 'reason', 'scope', 'created_at']).where('email_hash', 'in', [...new Set(hashes)]);
  if (purpose !== undefined) q = q.where('scope', 'in', ['*', purpose]);
  const rows = await q.orderBy('created_at').execute();
  for (const r of rows) {
    const c = out.get(r.email_hash)!;
    c.suppressed = true;
    c.entries.push({ reason: r.reason, scope: r.scope, since: new Date(r.created_at).toISOString() });
  }
  return out;
}

/** Whether one address (or hash) is suppressed, for all marketing or for `purpose`. */
export async function isSuppressed(db: Db, who: { email?: string; emailHash?: string }, purpose?: string): Promise<boolean> {
  const h = emailHashOf(who);
  return (await checkSuppressed(db, [h], purpose)).get(h)!.suppressed;
}
