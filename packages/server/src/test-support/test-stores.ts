import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { templateDir } from './template-dir.js';

export const POSTGRES_ADMIN_URL = process.env.PLEDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh embedded data folder: a copy of the migrated template (see global-setup.ts). */
export function clonePgliteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-test-'));
  cpSync(templateDir(), join(dir, 'db'), { recursive: true });
  return dir;
}

let postgresAvailable: boolean | undefined;

/**
 * Whether the local PostgreSQL answers. Under CI=true a missing PostgreSQL is a failure, never a skip;
 * on a laptop without it the PostgreSQL half of a suite is skipped with a loud message.
 */
export async function hasPostgres(): Promise<boolean> {
  if (postgresAvailable !== undefined) return postgresAvailable;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    postgresAvailable = true;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI but ${POSTGRES_ADMIN_URL} does not answer: ${(e as Error).message}`);
    console.warn(`\n!!! PostgreSQL at ${POSTGRES_ADMIN_URL} does not answer: PostgreSQL tests are SKIPPED on this machine. !!!\n`);
    postgresAvailable = false;
  }
  return postgresAvailable;
}

/** A new, empty PostgreSQL database for one test file; returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pledge_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      // Without FORCE: a pool that is still closing would see its connections killed. Retry while it finishes.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name}`);
          break;
        } catch (e) {
          if (attempt >= 50) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}
