import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit-entry.js';

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The genesis value of `prevHash` for the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the previous hash and every recorded field of the entry. */
export function hashEntry(e: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    ip: e.ip,
    requestId: e.requestId,
    before: e.before ?? null,
    after: e.after ?? null,
    details: e.details ?? null,
  });
  return createHash('sha256').update(e.prevHash).update('\n').update(body).digest('hex');
}
