import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import { GENESIS_HASH, hashEntry } from './hash-entry.js';
import { rowToEntry } from './read-audit.js';

export interface AuditProblem {
  seq: number;
  kind: 'edited' | 'removed' | 'reordered' | 'broken_link';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The hash of the last entry: record it elsewhere to detect removal of the newest entries later. */
  headHash: string;
  headSeq: number;
  problems: AuditProblem[];
}

/**
 * Walks the whole chain in sequence order and recomputes every hash. Finds entries edited (hash no longer
 * matches content), removed (a gap in the sequence), and reordered or spliced (an entry not linked to the one
 * before it). Reads in pages, so it works on long trails; `onProgress` reports entries checked.
 */
export async function verifyAudit(db: Kysely<Database>, onProgress?: (checked: number) => void): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', String(prevSeq)).orderBy('seq', 'asc').limit(1000).execute();
    if (!rows.length) break;
    for (const row of rows) {
      const e = rowToEntry(row);
      count++;
      if (e.seq !== prevSeq + 1) {
        problems.push({ seq: e.seq, kind: 'removed', message: `Entries ${prevSeq + 1}${e.seq - 1 > prevSeq + 1 ? `-${e.seq - 1}` : ''} are missing before entry ${e.seq}.` });
      }
      if (hashEntry(e) !== e.hash) {
        problems.push({ seq: e.seq, kind: 'edited', message: `Entry ${e.seq} (${e.action}) was changed after it was written: its content no longer matches its hash.` });
      } else if (e.prevHash !== prevHash) {
        const kind = e.seq === prevSeq + 1 ? 'reordered' : 'broken_link';
        problems.push({ seq: e.seq, kind, message: `Entry ${e.seq} (${e.action}) does not follow entry ${prevSeq}: the chain was reordered or entries were replaced.` });
      }
      prevHash = e.hash;
      prevSeq = e.seq;
    }
    onProgress?.(count);
  }
  return { ok: problems.length === 0, entries: count, headHash: prevHash, headSeq: prevSeq, problems };
}
