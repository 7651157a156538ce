import { CompiledQuery, type Transaction } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Database } from '../store/database.js';

/**
 * pg-boss's per-call `db` option over a Kysely transaction: the job row is written by the transaction's own
 * connection, so it commits or rolls back with the caller's change (and on PGlite needs no second turn of the lock).
 */
export function transactionDb(trx: Transaction<Database>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const r = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: r.rows as unknown[] };
    },
  };
}
