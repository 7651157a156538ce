import type { Kysely } from 'kysely';
import { PledgeError } from '../errors/pledge-error.js';
import type { Database } from '../store/database.js';
import type { SuppressionReason } from './suppression-table.js';
import './suppression-table.js';

export interface SuppressionEntry {
  emailHash: string;
  scope: string;
  reason: SuppressionReason;
  source: string;
  createdAt: string;
  actor: { type: string; id: string | null };
}

/** Cursor: "<iso time>|<hash>|<scope>|<reason>" of the last entry seen, base64url. */
const encodeCursor = (e: SuppressionEntry) => Buffer.from([e.createdAt, e.emailHash, e.scope, e.reason].join('|')).toString('base64url');
function decodeCursor(c: string): [string, string, string, string] {
  const parts = Buffer.from(c, 'base64url').toString('utf8').split('|');
  // The time must be the ISO form this service writes (a four-digit year): PostgreSQL refuses other forms with an error.
  if (parts.length !== 4 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(parts[0]!) || Number.isNaN(Date.parse(parts[0]!))) throw new PledgeError('invalid_input', 'The cursor is not one this service gave: use nextCursor from the previous page.', { field: 'cursor' });
  return parts as [string, string, string, string];
}

/**
 * Entries in the order they were added (then hash, scope, reason), one page at a time (keyset pagination: stable while
 * entries are added). `since`/`until` bound the date added, for exports of a period.
 */
export async function listSuppressions(
  db: Kysely<Database>,
  opts: { limit: number; cursor?: string | undefined; since?: Date | undefined; until?: Date | undefined; reason?: SuppressionReason | undefined },
): Promise<{ entries: SuppressionEntry[]; nextCursor: string | null }> {
  let q = db.selectFrom('marketing_suppressions').selectAll();
  if (opts.since) q = q.where('created_at', '>=', opts.since);
  if (opts.until) q = q.where('created_at', '<', opts.until);
  if (opts.reason) q = q.where('reason', '=', opts.reason);
  if (opts.cursor) {
    const [at, hash, scope, reason] = decodeCursor(opts.cursor);
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '>', new Date(at)),
        eb.and([eb('created_at', '=', new Date(at)), eb.or([eb('email_hash', '>', hash), eb.and([eb('email_hash', '=', hash), eb.or([eb('scope', '>', scope), eb.and([eb('scope', '=', scope), eb('reason', '>', reason as SuppressionReason)])])])])]),
      ]),
    );
  }
  const rows = await q.orderBy('created_at').orderBy('email_hash').orderBy('scope').orderBy('reason').limit(opts.limit + 1).execute();
  const entries = rows.slice(0, opts.limit).map((r) => ({
    emailHash: r.email_hash,
    scope: r.scope,
    reason: r.reason,
    source: r.source,
    createdAt: new Date(r.created_at).toISOString(),
    actor: { type: r.actor_type, id: r.actor_id },
  }));
  return { entries, nextCursor: rows.length > opts.limit ? encodeCursor(entries[entries.length - 1]!) : null };
}
