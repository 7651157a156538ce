import type { Kysely, Transaction } from 'kysely';
import '../rights/rights-tables.js';
import type { Database } from '../store/database.js';

/** One step of a reply, as the request's timeline shows it. */
export interface ReplyEvent {
  at: string;
  kind: string;
  summary: string;
  actor: { type: string; id: string | null };
  data: unknown;
}

/**
 * The reply steps of a request, from its timeline (where GET /api/rights/requests/:id shows them among the other
 * steps): files attached and removed, packages built, links created and stopped, the reply sent, each download and
 * the purge, oldest first. Each also has its audit entry ("rights.reply.*").
 */
export async function replyTimeline(db: Kysely<Database> | Transaction<Database>, requestId: string): Promise<ReplyEvent[]> {
  const rows = await db
    .selectFrom('rights_request_events')
    .select(['at', 'kind', 'summary', 'actor_type', 'actor_id', 'data'])
    .where('request_id', '=', requestId)
    .where('kind', 'like', 'reply.%')
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), kind: r.kind, summary: r.summary, actor: { type: r.actor_type, id: r.actor_id }, data: r.data ?? null }));
}
