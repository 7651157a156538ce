import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { migrateToLatest } from './migrate.js';

// What every part of Pledge relies on from its store, checked on both stores with the same SQL.
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`store conformance on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, { roles: 'web' });
      await sql`create table conformance (id text primary key, n bigint, doc jsonb, at timestamptz, tags text[])`.execute(svc.deps.store.db);
    });
    afterAll(async () => {
      await svc?.dispose();
    });
    const db = () => svc.deps.store.db as unknown as import('kysely').Kysely<{ conformance: { id: string; n: string | number; doc: unknown; at: Date | string; tags: string[] } }>;

    it.runIf(available)('round-trips JSON documents, timestamps, big integers, text arrays and Unicode', async () => {
      const doc = { name: 'Zoë <script>', nested: { list: [1, 'two', null], flag: true }, emoji: '🔒' };
      await db()
        .insertInto('conformance')
        .values({ id: 'a', n: '9007199254740993', doc: JSON.stringify(doc), at: '2026-02-05T23:59:59.123Z', tags: ['x', 'y z'] })
        .execute();
      const row = await db().selectFrom('conformance').selectAll().where('id', '=', 'a').executeTakeFirstOrThrow();
      expect(row.doc).toEqual(doc);
      expect(new Date(row.at).toISOString()).toBe('2026-02-05T23:59:59.123Z');
      expect(String(row.n)).toBe('9007199254740993');
      expect(row.tags).toEqual(['x', 'y z']);
    });

    it.runIf(available)('rolls back a failed transaction completely', async () => {
      await expect(
        db()
          .transaction()
          .execute(async (trx) => {
            await trx.insertInto('conformance').values({ id: 'rolled', n: 1, doc: '{}', at: new Date(), tags: [] }).execute();
            await trx.insertInto('conformance').values({ id: 'rolled', n: 2, doc: '{}', at: new Date(), tags: [] }).execute();
          }),
      ).rejects.toThrow(/duplicate key|unique/i);
      expect(await db().selectFrom('conformance').select('id').where('id', '=', 'rolled').execute()).toEqual([]);
    });

    it.runIf(available)('serialises concurrent read-modify-write transactions under a row lock', async () => {
      await db().insertInto('conformance').values({ id: 'counter', n: 0, doc: '{}', at: new Date(), tags: [] }).execute();
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db()
            .transaction()
            .execute(async (trx) => {
              const r = await trx.selectFrom('conformance').select('n').where('id', '=', 'counter').forUpdate().executeTakeFirstOrThrow();
              await trx.updateTable('conformance').set({ n: Number(r.n) + 1 }).where('id', '=', 'counter').execute();
            }),
        ),
      );
      const r = await db().selectFrom('conformance').select('n').where('id', '=', 'counter').executeTakeFirstOrThrow();
      expect(Number(r.n)).toBe(20);
    });

    it.runIf(available)('reports affected rows for updates and deletes', async () => {
      const u = await db().updateTable('conformance').set({ tags: ['updated'] }).where('id', 'in', ['a', 'counter']).executeTakeFirst();
      expect(Number(u.numUpdatedRows)).toBe(2);
      const d = await db().deleteFrom('conformance').where('id', '=', 'nothing').executeTakeFirst();
      expect(Number(d.numDeletedRows)).toBe(0);
    });

    it.runIf(available)('migrating again is a no-op (start-up migrations are idempotent)', async () => {
      expect(await migrateToLatest(svc.deps.store.db)).toEqual([]);
    });

    it.runIf(available)('readiness checks the database', async () => {
      const r = await svc.app!.inject({ method: 'GET', url: '/health/ready' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ status: 'ok', database: 'ok', store: kind });
    });
  });
}
