import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { PGliteDialect } from './pglite-dialect.js';
import { readPgliteSnapshot } from './pglite-snapshot.js';
import { SerialLock } from './serial-lock.js';

/** Raw SQL access for libraries that bring their own SQL (the job queue): one statement with parameters, or a script without. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface Store {
  kind: 'pglite' | 'postgres';
  db: Kysely<Database>;
  executeSql: ExecuteSql;
  /** For PostgreSQL: the connection string, so the job queue can open its own pool. */
  connectionString?: string;
  /** Checks the database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://... to use a PostgreSQL server; otherwise the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded database (created if missing). */
  dataDir: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

/** Opens the store: PGlite in a data folder by default, PostgreSQL when a URL is given. One SQL dialect for both. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // Fail fast with a clear message rather than on the first request.
    try {
      const c = await pool.connect();
      c.release();
    } catch (e) {
      await pool.end();
      throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(options.databaseUrl)}: ${(e as Error).message}. Check DATABASE_URL.`);
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      connectionString: options.databaseUrl,
      executeSql: async (text, values) => {
        const r = await pool.query(text, values as unknown[]);
        return { rows: Array.isArray(r) ? (r[r.length - 1]?.rows ?? []) : r.rows };
      },
      ping: async () => {
        await pool.query('select 1');
      },
      close: async () => {
        await db.destroy();
      },
    };
  }
  // A new folder is seeded from the build-time snapshot of an empty cluster, when there is one (see pglite-snapshot.ts).
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  mkdirSync(options.dataDir, { recursive: true });
  const snapshot = fresh ? readPgliteSnapshot() : undefined;
  // 32 MB of shared buffers instead of PostgreSQL's 128 MB: WebAssembly memory never shrinks, the embedded store serves
  // one organisation's working set, and the operating system caches the data files anyway. Saves ~110 MB resident.
  const pglite = await PGlite.create(options.dataDir, { postgresqlconf: 'shared_buffers=32MB', ...(snapshot ? { loadDataDir: snapshot } : {}) });
  const lock = new SerialLock();
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite, lock }) });
  return {
    kind: 'pglite',
    db,
    executeSql: (text, values) =>
      lock.run(async () => {
        if (values && values.length) return { rows: (await pglite.query(text, values)).rows };
        // Scripts of several statements without parameters go through exec (the extended protocol takes one statement).
        try {
          const results = await pglite.exec(text);
          return { rows: results[results.length - 1]?.rows ?? [] };
        } catch (e) {
          // A failed BEGIN...COMMIT script leaves the one session in an aborted transaction: end it while still
          // holding the lock, so no other query runs inside it.
          await pglite.exec('rollback').catch(() => {});
          throw e;
        }
      }),
    ping: () => lock.run(async () => void (await pglite.query('select 1'))),
    close: async () => {
      await db.destroy();
      await lock.run(() => pglite.close());
    },
  };
}

/** A database URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
