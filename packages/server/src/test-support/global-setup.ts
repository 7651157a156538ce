import { existsSync, renameSync, rmSync } from 'node:fs';
import { openStore } from '../store/open-store.js';
import { migrateToLatest } from '../store/migrate.js';
import { templateDir } from './template-dir.js';

/** Vitest global setup: builds the migrated PGlite template once per version of the migrations. */
export default async function setup(): Promise<void> {
  const dir = templateDir();
  if (existsSync(dir)) return;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const store = await openStore({ dataDir: building });
  await migrateToLatest(store.db);
  await store.close();
  if (!existsSync(dir)) renameSync(building, dir);
  else rmSync(building, { recursive: true, force: true });
}
