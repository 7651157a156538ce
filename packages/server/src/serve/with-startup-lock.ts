import { sql } from 'kysely';
import type { Store } from '../store/open-store.js';

/** Advisory lock key for start-up set-up (any constant unique to Pledge; the audit chain uses ...001). */
const STARTUP_LOCK = 7_305_517_002;

/**
 * Runs `fn` while holding a PostgreSQL session advisory lock, so processes started together (several web and worker
 * processes on one database) do their set-up one at a time: without it, pg-boss creating the same queue's partition
 * in two processes at once ends in "deadlock detected" and a process that fails to start. The embedded database has
 * one process, so there it just runs `fn`.
 */
export async function withStartupLock<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  if (store.kind !== 'postgres') return fn();
  return store.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(conn);
    }
  });
}
