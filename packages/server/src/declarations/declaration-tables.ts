import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../store/database.js';

/** A published declaration (migration 0004). Rows are immutable: a trigger refuses UPDATE and DELETE. */
export interface DeclarationVersionsTable {
  id: Generated<string>;
  version: number;
  published_at: Timestamp;
  published_by_type: string;
  published_by_id: string | null;
  /** The entry file's name, as published (a key of source_files, or "declaration.yaml"). */
  entry: string;
  /** The entry file's text. */
  source_yaml: string;
  /** Every file of a folder declaration, name -> text; null when one file was published. */
  source_files: Json<Record<string, string>> | null;
  /** The validated declaration with defaults filled: what every page of this version is rendered from. */
  declaration: Json;
  /** SHA-256 of the canonical JSON of `declaration`: equal declarations have equal hashes. */
  content_hash: string;
  /** The diff from the previous version (null for version 1). */
  diff: Json | null;
  material: boolean;
  summary: Json<string[]>;
  note: string | null;
}

declare module '../store/database.js' {
  interface Database {
    declaration_versions: DeclarationVersionsTable;
  }
}
