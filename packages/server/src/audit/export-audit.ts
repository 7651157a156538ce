import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { AuditEntry } from './audit-entry.js';
import { readAudit } from './read-audit.js';

const COLUMNS: (keyof AuditEntry)[] = ['seq', 'at', 'actorType', 'actorId', 'action', 'subjectType', 'subjectId', 'ip', 'requestId', 'before', 'after', 'details', 'prevHash', 'hash'];

/** Neutralises spreadsheet formulas: a cell starting with = + - @ (or tab/CR) is prefixed with a quote. */
const safeCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/**
 * The whole audit trail for an auditor, in chain order, a page at a time: as CSV (one row per entry, JSON in the
 * before/after/details cells) or JSON Lines (one entry per line, verifiable with the hash of each line's fields).
 */
export async function* exportAudit(db: Kysely<Database>, format: 'csv' | 'jsonl'): AsyncGenerator<string> {
  if (format === 'csv') yield stringify([COLUMNS]);
  let after = 0;
  for (;;) {
    const page = await readAudit(db, { afterSeq: after, limit: 1000 });
    if (!page.length) return;
    yield format === 'csv' ? stringify(page.map((e) => COLUMNS.map((c) => safeCell(e[c])))) : page.map((e) => JSON.stringify(e)).join('\n') + '\n';
    after = page[page.length - 1]!.seq;
  }
}
