import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/database.js';

/** One step of a reply, as the request's timeline shows it. */
export interface ReplyEvent {
  at: string;
  action: string;
  actor: { type: string; id: string | null };
  details: unknown;
}

/**
 * The reply steps of a request from the audit trail: files attached and deleted, packages built, links created and
 * revoked, the reply sent, each download (with the client address) and the purge, oldest first.
 */
export async function replyTimeline(db: Kysely<Database> | Transaction<Database>, requestId: string): Promise<ReplyEvent[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'actor_type', 'actor_id', 'ip', 'details'])
    .where('subject_type', '=', 'rights_request')
    .where('subject_id', '=', requestId)
    .where('action', 'like', 'reply.%')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    action: r.action,
    actor: { type: r.actor_type, id: r.actor_id },
    details: r.action === 'reply.downloaded' ? { ...(r.details as object), ip: r.ip } : r.details,
  }));
}
