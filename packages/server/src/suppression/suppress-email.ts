import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { emailHashOf } from './email-hash.js';
import type { SuppressionReason } from './suppression-table.js';
import './suppression-table.js';

export interface SuppressInput {
  email?: string;
  /** Instead of the address: its hash (email-hash.ts), when the caller only has that. */
  emailHash?: string;
  /**
   * objection: Art 21(2)-(3), absolute, never removed; unsubscribe: a link or reply "stop" (PECR reg 22(3));
   * withdrawal: consent withdrawn (Art 7(3)); manual: staff added it.
   */
  reason: SuppressionReason;
  /** Where it came from, e.g. "unsubscribe_link", "preference_centre", "api". */
  source: string;
  actor: Actor;
  /** One purpose (e.g. a newsletter) or '*' for all direct marketing (default). An objection always covers all. */
  scope?: string;
}

export interface SuppressResult {
  emailHash: string;
  scope: string;
  reason: SuppressionReason;
  /** False when the same address, scope and reason was already on the list (nothing changed). */
  added: boolean;
}

/**
 * Puts an address on the marketing suppression list in the caller's transaction, with its audit entry. Idempotent,
 * also under concurrency: the primary key (hash, scope, reason) and ON CONFLICT DO NOTHING make a repeat a no-op,
 * audited once. Only the hash is stored.
 */
export async function suppressEmail(trx: Transaction<Database>, deps: Pick<ServiceDeps, 'clock'>, input: SuppressInput): Promise<SuppressResult> {
  const emailHash = emailHashOf(input);
  // Objection to direct marketing is to all of it (Art 21(3)), not to one list.
  const scope = input.reason === 'objection' ? '*' : (input.scope ?? '*');
  const inserted = await trx
    .insertInto('marketing_suppressions')
    .values({
      email_hash: emailHash,
      scope,
      reason: input.reason,
      source: input.source.slice(0, 100),
      created_at: deps.clock.now(),
      actor_type: input.actor.type,
      actor_id: input.actor.id ?? null,
    })
    .onConflict((oc) => oc.columns(['email_hash', 'scope', 'reason']).doNothing())
    .returning('email_hash')
    .executeTakeFirst();
  if (inserted) {
    await appendAudit(trx, deps.clock, {
      actor: input.actor,
      action: 'suppression.added',
      subject: { type: 'email_hash', id: emailHash },
      details: { reason: input.reason, scope, source: input.source },
    });
  }
  return { emailHash, scope, reason: input.reason, added: Boolean(inserted) };
}
