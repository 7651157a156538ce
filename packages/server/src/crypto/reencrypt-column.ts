import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import type { FieldCipher } from './field-cipher.js';
import { reencrypt } from './reencrypt.js';

export interface EncryptedColumn {
  table: string;
  /** The primary key column. */
  key: string;
  column: string;
  /** The context the column's values are encrypted with, e.g. "users.totp_secret". */
  context: string;
}

/**
 * Re-encrypts every value of one column still under an older key, in batches of `batchSize` short transactions
 * (no long locks). Safe to interrupt and run again. Returns how many values were rewritten.
 */
export async function reencryptColumn(db: Kysely<Database>, cipher: FieldCipher, col: EncryptedColumn, batchSize = 500): Promise<number> {
  const current = `v1:${cipher.currentKeyId}:`;
  let done = 0;
  for (;;) {
    const rows = await sql<{ k: string; v: string }>`
      select ${sql.ref(col.key)} as k, ${sql.ref(col.column)} as v from ${sql.table(col.table)}
      where ${sql.ref(col.column)} is not null and left(${sql.ref(col.column)}, ${current.length}) <> ${current}
      order by ${sql.ref(col.key)} limit ${batchSize}`.execute(db);
    if (!rows.rows.length) return done;
    await db.transaction().execute(async (trx) => {
      for (const r of rows.rows) {
        const next = reencrypt(cipher, r.v, col.context);
        // Compare-and-set: a value changed meanwhile by its owner is left as the owner wrote it.
        await sql`update ${sql.table(col.table)} set ${sql.ref(col.column)} = ${next} where ${sql.ref(col.key)} = ${r.k} and ${sql.ref(col.column)} = ${r.v}`.execute(trx);
      }
    });
    done += rows.rows.length;
  }
}
