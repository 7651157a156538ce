import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/database.js';
import { rowToVersion, type DeclarationVersion } from './declaration-version.js';
import './declaration-tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The newest published version, or undefined when nothing has been published. */
export async function currentVersion(db: Db): Promise<DeclarationVersion | undefined> {
  const row = await db.selectFrom('declaration_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? rowToVersion(row) : undefined;
}

/** One version by number, or undefined. */
export async function versionByNumber(db: Db, version: number): Promise<DeclarationVersion | undefined> {
  const row = await db.selectFrom('declaration_versions').selectAll().where('version', '=', version).executeTakeFirst();
  return row ? rowToVersion(row) : undefined;
}

/** What lists of versions show: no sources, no declaration bodies. */
export type VersionSummary = Pick<DeclarationVersion, 'version' | 'publishedAt' | 'publishedBy' | 'contentHash' | 'material' | 'summary' | 'note'>;

/** Every version, newest first, without the heavy columns. */
export async function listVersions(db: Db): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom('declaration_versions')
    .select(['version', 'published_at', 'published_by_type', 'published_by_id', 'content_hash', 'material', 'summary', 'note'])
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    publishedAt: new Date(r.published_at).toISOString(),
    publishedBy: { type: r.published_by_type as VersionSummary['publishedBy']['type'], id: r.published_by_id },
    contentHash: r.content_hash,
    material: r.material,
    summary: (r.summary as string[]) ?? [],
    note: r.note,
  }));
}
