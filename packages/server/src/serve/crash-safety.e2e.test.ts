import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { openStore } from '../store/open-store.js';
import { assertBuilt, cleanEnv, killAll, SERVER_DIST, spawnNode, startPledge } from '../test-support/spawn-pledge.js';
import { createPostgresDatabase, hasPostgres } from '../test-support/test-stores.js';

// Kill -9 in the middle of acknowledged writes, restart: the database opens, every write that was acknowledged is
// there, and the hash chain of the audit trail verifies. On the embedded database and on PostgreSQL.

const KEYS = `k1:${Buffer.alloc(32, 3).toString('base64')}`;
const SECRET = 'crash-test-session-secret-crash-test-secret';

/** A writer in its own process: appends audit entries, one transaction each, and prints each seq once committed. */
const WRITER = `
const { openStore, migrateToLatest, appendAudit } = await import(process.env.SERVER_DIST);
const store = await openStore({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DB_DIR });
await migrateToLatest(store.db);
const clock = { now: () => new Date() };
console.log('writer ready');
for (let i = 0; ; i++) {
  const entry = await store.db.transaction().execute((trx) =>
    appendAudit(trx, clock, { actor: { type: 'system' }, action: 'crash.write', subject: { type: 'crash', id: String(i) }, details: { i, pad: 'x'.repeat(i % 500) } }));
  process.stdout.write('ack ' + entry.seq + '\\n');
}
`;

const DECLARATION = readFileSync(new URL('../../../../examples/jupiter-edtech/corrected/declaration.yaml', import.meta.url), 'utf8');

/** An API key that may publish, stored the way the accounts module stores keys (its SHA-256), while no service runs. */
async function addPublishKey(databaseUrl: string | undefined, dataDir: string): Promise<string> {
  const key = `pk_${randomBytes(24).toString('base64url')}`;
  const store = await openStore({ databaseUrl, dataDir: join(dataDir, 'db') });
  try {
    await store.executeSql('insert into api_keys (id, name, prefix, key_hash, scopes, created_by, created_at) values ($1, $2, $3, $4, $5, null, now())', [
      randomUUID(),
      'crash test',
      key.slice(0, 10),
      createHash('sha256').update(key).digest('hex'),
      JSON.stringify(['declaration:publish', 'declaration:read', 'audit:read']),
    ]);
  } finally {
    await store.close();
  }
  return key;
}

/** The example declaration with a different (non-material) introduction, so each publish is a new version. */
const revision = (i: number) => DECLARATION.replace("  introduction: >-\n", `  introduction: >-\n    Revision ${i}.\n`);

const acked = (output: string) => [...output.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`crash safety on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    const dataDir = mkdtempSync(join(tmpdir(), 'pledge-crash-'));
    let pgDb: { url: string; drop: () => Promise<void> } | undefined;
    afterAll(async () => {
      await killAll();
      rmSync(dataDir, { recursive: true, force: true });
      await pgDb?.drop();
    });

    it.runIf(available)('keeps every acknowledged write through SIGKILL, and the audit chain verifies', { timeout: 180_000 }, async () => {
      assertBuilt();
      if (kind === 'postgres') pgDb = await createPostgresDatabase();
      const env = cleanEnv({ SERVER_DIST, DB_DIR: join(dataDir, 'db'), DATABASE_URL: pgDb?.url, PLEDGE_ENCRYPTION_KEYS: KEYS, PLEDGE_SESSION_SECRET: SECRET });
      const allAcked: number[] = [];
      // Three rounds: the later ones crash a database that was itself recovered from a crash.
      for (let round = 0; round < 3; round++) {
        const writer = spawnNode(['--input-type=module', '-e', WRITER], env);
        await writer.waitFor(/writer ready/, 60_000);
        const target = allAcked.length + 150 + round * 37;
        await writer.waitFor(new RegExp(`^ack ${target}$`, 'm'), 60_000);
        writer.process.kill('SIGKILL');
        const { signal } = await writer.exited;
        expect(signal).toBe('SIGKILL');
        const seqs = acked(writer.output());
        expect(seqs.length).toBeGreaterThan(100);
        allAcked.push(...seqs);
      }

      // The service starts on what the crashes left, answers readiness, and stops cleanly.
      const serve = await startPledge(kind === 'pglite' ? ['--data-dir', dataDir] : [], { ...env, SERVER_DIST: undefined });
      const ready = await fetch(`${serve.address}/health/ready`);
      expect(ready.status).toBe(200);
      serve.process.kill('SIGTERM');
      expect((await serve.exited).code).toBe(0);

      const store = await openStore({ databaseUrl: pgDb?.url, dataDir: join(dataDir, 'db') });
      try {
        const rows = await store.db.selectFrom('audit_log').select('seq').where('action', '=', 'crash.write').execute();
        const present = new Set(rows.map((r) => Number(r.seq)));
        const missing = allAcked.filter((s) => !present.has(s));
        expect(missing, 'acknowledged writes lost in the crash').toEqual([]);
        const v = await verifyAudit(store.db);
        expect(v.problems).toEqual([]);
        expect(v.ok).toBe(true);
        expect(v.entries).toBeGreaterThanOrEqual(allAcked.length);
      } finally {
        await store.close();
      }
    });

    it.runIf(available)('keeps every publish that `pledge serve` acknowledged over HTTP through SIGKILL', { timeout: 180_000 }, async () => {
      assertBuilt();
      const dir = mkdtempSync(join(tmpdir(), 'pledge-crash-http-'));
      const db = kind === 'postgres' ? await createPostgresDatabase() : undefined;
      try {
        const env = cleanEnv({ DATABASE_URL: db?.url, PLEDGE_ENCRYPTION_KEYS: KEYS, PLEDGE_SESSION_SECRET: SECRET });
        const args = ['--data-dir', dir];
        // First start creates and migrates the database; the key is added while nothing runs (PGlite has one owner).
        const setup = await startPledge(args, env);
        setup.process.kill('SIGTERM');
        expect((await setup.exited).code).toBe(0);
        const key = await addPublishKey(db?.url, dir);

        const serve = await startPledge(args, env);
        const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
        const acknowledged: number[] = [];
        let killed = false;
        let failed: Error | undefined;
        // Publishes back to back; the SIGKILL lands while one is in flight.
        const writer = (async () => {
          for (let i = 0; !killed; i++) {
            const res = await fetch(`${serve.address}/api/declarations`, { method: 'POST', headers, body: JSON.stringify({ yaml: revision(i), note: `revision ${i}` }) }).catch(() => null);
            if (!res) break;
            if (res.status !== 201) {
              failed = new Error(`publish ${i} answered ${res.status}: ${await res.text()}`);
              break;
            }
            acknowledged.push((await res.json()).version);
          }
        })();
        while (acknowledged.length < 8 && !failed) await new Promise((r) => setTimeout(r, 20));
        if (failed) throw failed;
        serve.process.kill('SIGKILL');
        killed = true;
        await writer;
        expect((await serve.exited).signal).toBe('SIGKILL');

        const again = await startPledge(args, env);
        const list = await fetch(`${again.address}/api/declarations`, { headers });
        expect(list.status).toBe(200);
        const versions = new Set(((await list.json()).versions as { version: number }[]).map((v) => v.version));
        expect(acknowledged.filter((v) => !versions.has(v)), 'acknowledged publishes lost').toEqual([]);
        const verify = await fetch(`${again.address}/api/audit/verify`, { headers });
        expect((await verify.json()).ok).toBe(true);
        expect((await fetch(`${again.address}/privacy`)).status).toBe(200);
        again.process.kill('SIGTERM');
        expect((await again.exited).code).toBe(0);
      } finally {
        await killAll();
        rmSync(dir, { recursive: true, force: true });
        await db?.drop();
      }
    });
  });
}
