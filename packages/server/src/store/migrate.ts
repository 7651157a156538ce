import { Migrator, type Kysely, type Migration } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * Brings the schema up to date. Safe to run from several processes at once: Kysely takes a PostgreSQL advisory
 * lock for the duration, so one process migrates and the others wait and find nothing to do.
 * @returns the names of the migrations applied by this call.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => Object.fromEntries(migrations.map((m) => [m.name, m as Migration])) },
    migrationTableName: 'pledge_migration',
    migrationLockTableName: 'pledge_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
