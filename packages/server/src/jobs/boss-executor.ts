import pg from 'pg';
import type { Logger } from 'pino';
import type { Store } from '../store/open-store.js';

/** The connection pg-boss runs on, with a count of statements in flight so shutdown can wait for them. */
export interface BossExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Resolves once no statement is in flight (or after `timeoutMs`). */
  idle(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * On PostgreSQL pg-boss gets a small pool of its own, so polling never competes with requests for the service's
 * connections. On PGlite it shares the single connection through `store.executeSql`, which holds the lock for each
 * statement (scripts without parameters go through exec, which pg-boss's schema creation and maintenance need).
 */
export function createBossExecutor(store: Store, logger: Logger, poolSize = 4): BossExecutor {
  let inFlight = 0;
  let run: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  let close = async () => {};
  if (store.kind === 'postgres') {
    if (!store.connectionString) throw new Error('The PostgreSQL store has no connection string for the job queue.');
    const pool = new pg.Pool({ connectionString: store.connectionString, max: poolSize, application_name: 'pledge-jobs' });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (e) => logger.warn({ err: { message: e.message } }, 'job queue connection error'));
    run = async (text, values) => {
      const r = await pool.query(text, values as unknown[] | undefined);
      return { rows: Array.isArray(r) ? (r[r.length - 1]?.rows ?? []) : r.rows };
    };
    close = () => pool.end();
  } else {
    run = async (text, values) => {
      try {
        return await store.executeSql(text, values);
      } catch (e) {
        // A failing BEGIN ... COMMIT script (pg-boss maintenance) leaves PGlite's one session in an aborted
        // transaction; end it so the next user of the connection is not refused. Harmless when none is open.
        if (!values?.length && /\bbegin\b/i.test(text)) await store.executeSql('rollback').catch(() => {});
        throw e;
      }
    };
  }
  return {
    executeSql: async (text, values) => {
      inFlight++;
      try {
        return await run(text, values);
      } finally {
        inFlight--;
      }
    },
    idle: async (timeoutMs) => {
      const until = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    },
    close,
  };
}
