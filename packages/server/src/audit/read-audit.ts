import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../store/database.js';
import type { AuditEntry } from './audit-entry.js';

/** A stored row as an entry. Timestamps are normalised to ISO strings, as they were hashed. */
export function rowToEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    ip: r.ip,
    requestId: r.request_id,
    before: r.before ?? null,
    after: r.after ?? null,
    details: r.details ?? null,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditQuery {
  afterSeq?: number;
  limit?: number;
  subject?: { type: string; id?: string };
  action?: string;
}

/** Entries in chain order, a page at a time. */
export async function readAudit(db: Kysely<Database>, q: AuditQuery = {}): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.afterSeq !== undefined) query = query.where('seq', '>', String(q.afterSeq));
  if (q.subject) {
    query = query.where('subject_type', '=', q.subject.type);
    if (q.subject.id) query = query.where('subject_id', '=', q.subject.id);
  }
  if (q.action) query = query.where('action', '=', q.action);
  return (await query.execute()).map(rowToEntry);
}
