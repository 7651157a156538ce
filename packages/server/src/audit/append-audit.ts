import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../store/database.js';
import type { AuditEntry, AuditInput } from './audit-entry.js';
import { GENESIS_HASH, hashEntry } from './hash-entry.js';

/** Advisory lock key for the audit chain head (any constant unique to Pledge). */
const AUDIT_CHAIN_LOCK = 7_305_517_001;

/**
 * Appends an entry to the hash-chained audit trail. Call it inside the transaction that makes the change, so the
 * change and its record commit or roll back together. A transaction-scoped advisory lock orders concurrent
 * appenders, so the chain has no forks even with several web and worker processes.
 */
export async function appendAudit(trx: Transaction<Database> | Kysely<Database>, clock: Clock, input: AuditInput): Promise<AuditEntry> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  // JSON round trip: what is hashed is exactly what the database will give back.
  const norm = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: clock.now().toISOString(),
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    action: input.action,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    ip: input.actor.ip ?? null,
    requestId: input.actor.requestId ?? null,
    before: norm(input.before),
    after: norm(input.after),
    details: norm(input.details),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashEntry(entry);
  await trx
    .insertInto('audit_log')
    .values({
      seq: String(entry.seq),
      at: entry.at,
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      ip: entry.ip,
      request_id: entry.requestId,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      details: entry.details === null ? null : JSON.stringify(entry.details),
      prev_hash: entry.prevHash,
      hash,
    })
    .execute();
  return { ...entry, hash };
}
