import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { appendAudit } from './append-audit.js';
import { readAudit } from './read-audit.js';
import { verifyAudit } from './verify-audit.js';

// The same suite on the embedded database and on PostgreSQL: one set of migrations, one SQL dialect.
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`audit trail on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (available) svc = await startTestService(kind);
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('records each change in the same transaction, and nothing when it rolls back', async () => {
      const db = svc.deps.store.db;
      await db.transaction().execute(async (trx) => {
        await appendAudit(trx, systemClock, { actor: { type: 'user', id: 'u1', ip: '127.0.0.1' }, action: 'test.kept', subject: { type: 'thing', id: 't1' }, before: { a: 1 }, after: { a: 2 } });
      });
      await expect(
        db.transaction().execute(async (trx) => {
          await appendAudit(trx, systemClock, { actor: { type: 'system' }, action: 'test.rolled_back' });
          throw new Error('change failed');
        }),
      ).rejects.toThrow('change failed');
      const entries = await readAudit(db, { limit: 1000 });
      expect(entries.map((e) => e.action)).toContain('test.kept');
      expect(entries.map((e) => e.action)).not.toContain('test.rolled_back');
      const kept = entries.find((e) => e.action === 'test.kept')!;
      expect(kept).toMatchObject({ actorType: 'user', actorId: 'u1', ip: '127.0.0.1', before: { a: 1 }, after: { a: 2 }, subjectType: 'thing', subjectId: 't1' });
    });

    it.runIf(available)('keeps one unbroken chain under concurrent writers', async () => {
      const db = svc.deps.store.db;
      await Promise.all(
        Array.from({ length: 25 }, (_, i) => db.transaction().execute((trx) => appendAudit(trx, systemClock, { actor: { type: 'system' }, action: `test.concurrent.${i}` }))),
      );
      const v = await verifyAudit(db);
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.entries).toBeGreaterThanOrEqual(26);
    });

    it.runIf(available)('finds an edited, a removed and a reordered entry and says which', async () => {
      const db = svc.deps.store.db;
      for (let i = 0; i < 6; i++) await appendAudit(db, systemClock, { actor: { type: 'system' }, action: `test.tamper.${i}` });
      const rows = await readAudit(db, { action: 'test.tamper.1' });
      const edited = rows[0]!.seq;
      await sql`update audit_log set details = ${JSON.stringify({ forged: true })}::jsonb where seq = ${String(edited)}`.execute(db);
      const removed = edited + 2;
      await sql`delete from audit_log where seq = ${String(removed)}`.execute(db);
      const v = await verifyAudit(db);
      expect(v.ok).toBe(false);
      expect(v.problems.find((p) => p.kind === 'edited')).toMatchObject({ seq: edited });
      expect(v.problems.find((p) => p.kind === 'removed')?.message).toContain(`Entries ${removed}`);
      // Swap the content of two later entries, keeping their sequence numbers: the links no longer hold.
      const a = edited + 3;
      const b = edited + 4;
      await sql`update audit_log set seq = -1 where seq = ${String(a)}`.execute(db);
      await sql`update audit_log set seq = ${String(a)} where seq = ${String(b)}`.execute(db);
      await sql`update audit_log set seq = ${String(b)} where seq = -1`.execute(db);
      const v2 = await verifyAudit(db);
      expect(v2.problems.some((p) => p.seq === a && (p.kind === 'edited' || p.kind === 'reordered'))).toBe(true);
    });
  });
}
