import type { Declaration, DeclarationDiff } from '@pledge/core';
import type { Selectable } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import type { DeclarationVersionsTable } from './declaration-tables.js';

/** A published version, as the service uses it. */
export interface DeclarationVersion {
  version: number;
  publishedAt: string;
  publishedBy: { type: Actor['type']; id: string | null };
  entry: string;
  sourceYaml: string;
  sourceFiles: Record<string, string> | null;
  declaration: Declaration;
  contentHash: string;
  diff: DeclarationDiff | null;
  material: boolean;
  summary: string[];
  note: string | null;
}

/** A stored row as a version; timestamps as ISO strings. */
export function rowToVersion(r: Selectable<DeclarationVersionsTable>): DeclarationVersion {
  return {
    version: Number(r.version),
    publishedAt: new Date(r.published_at).toISOString(),
    publishedBy: { type: r.published_by_type as Actor['type'], id: r.published_by_id },
    entry: r.entry,
    sourceYaml: r.source_yaml,
    sourceFiles: (r.source_files as Record<string, string> | null) ?? null,
    declaration: r.declaration as Declaration,
    contentHash: r.content_hash,
    diff: (r.diff as DeclarationDiff | null) ?? null,
    material: r.material,
    summary: (r.summary as string[]) ?? [],
    note: r.note,
  };
}
