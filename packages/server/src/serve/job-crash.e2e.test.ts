import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { openStore } from '../store/open-store.js';
import { assertBuilt, cleanEnv, killAll, SERVER_DIST, spawnNode } from '../test-support/spawn-pledge.js';
import { createPostgresDatabase, hasPostgres } from '../test-support/test-stores.js';

// Kill -9 while jobs run, restart: every job completes, none is lost, and an idempotent handler's effect happens once.
// The job is registered by the test's worker script the way a capability registers its jobs (no test code in the service).

const KEYS = `k1:${Buffer.alloc(32, 9).toString('base64')}`;
const SECRET = 'job-crash-session-secret-job-crash-secret-0';
const JOBS = 24;

const WORKER = `
const { loadConfig, startService, appendAudit } = await import(process.env.SERVER_DIST);
const config = loadConfig({ env: process.env, flags: { roles: 'worker,scheduler', logLevel: 'warn' } });
const running = await startService(config);
const job = {
  name: 'e2e.slow', version: 1, retry: { limit: 5, delaySeconds: 0, backoff: false }, timeoutSeconds: 2, concurrency: 2,
  payload: { safeParse: (v) => ({ success: true, data: v }) },
  handler: async ({ n }, ctx) => {
    const db = ctx.deps.store.db;
    const done = await db.selectFrom('audit_log').select('seq').where('action', '=', 'e2e.job_done').where('subject_id', '=', String(n)).executeTakeFirst();
    if (done) return; // idempotent: a rerun after a crash finds the effect already there
    console.log('start ' + n);
    await new Promise((r) => setTimeout(r, 150));
    await db.transaction().execute((trx) => appendAudit(trx, ctx.deps.clock, { actor: { type: 'system' }, action: 'e2e.job_done', subject: { type: 'e2e', id: String(n) } }));
    console.log('done ' + n);
  },
};
await running.deps.jobs.register(job);
if (process.env.ENQUEUE) for (let n = 0; n < Number(process.env.ENQUEUE); n++) await running.deps.jobs.enqueue(job, { n });
console.log('worker ready');
process.once('SIGTERM', () => running.stop().then(() => process.exit(0)));
`;

// Both stores at once: each waits minutes for pg-boss's maintenance, so they share the wait.
describe.concurrent('jobs through a crash', async () => {
  const postgres = await hasPostgres();
  const dirs: string[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await killAll();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const drop of drops) await drop();
  });

  for (const kind of ['pglite', 'postgres'] as const) {
    // pg-boss retries a job that was running when its worker died once the job's timeout has passed and its
    // maintenance (every 2 minutes) has expired it; hence the long deadline.
    it.runIf(kind === 'pglite' || postgres)(`on ${kind}: completes every job, including those running at the SIGKILL, each effect once`, { timeout: 300_000 }, async () => {
      assertBuilt();
      const dataDir = mkdtempSync(join(tmpdir(), 'pledge-jobcrash-'));
      dirs.push(dataDir);
      let pgDb: { url: string; drop: () => Promise<void> } | undefined;
      if (kind === 'postgres') {
        pgDb = await createPostgresDatabase();
        drops.push(pgDb.drop);
      }
      const env = cleanEnv({ SERVER_DIST, PLEDGE_DATA_DIR: dataDir, DATABASE_URL: pgDb?.url, PLEDGE_ENCRYPTION_KEYS: KEYS, PLEDGE_SESSION_SECRET: SECRET });
      const first = spawnNode(['--input-type=module', '-e', WORKER], { ...env, ENQUEUE: String(JOBS) });
      await first.waitFor(/^done 3$/m, 90_000);
      await first.waitFor(/^start \d+$(?![\s\S]*^done)/m, 10_000).catch(() => undefined); // prefer to kill mid-run
      first.process.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      const doneBefore = new Set([...first.output().matchAll(/^done (\d+)$/gm)].map((m) => m[1]));
      expect(doneBefore.size).toBeLessThan(JOBS);

      const second = spawnNode(['--input-type=module', '-e', WORKER], env);
      await second.waitFor(/worker ready/, 90_000);
      const doneAfter = () => new Set([...first.output().matchAll(/^done (\d+)$/gm), ...second.output().matchAll(/^done (\d+)$/gm)].map((m) => m[1]));
      const deadline = Date.now() + 240_000;
      while (doneAfter().size < JOBS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      expect(doneAfter().size).toBe(JOBS);
      second.process.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);

      const store = await openStore({ databaseUrl: pgDb?.url, dataDir: join(dataDir, 'db') });
      try {
        const rows = await store.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'e2e.job_done').execute();
        expect(rows.map((r) => Number(r.subject_id)).sort((a, b) => a - b)).toEqual(Array.from({ length: JOBS }, (_, i) => i));
        expect((await verifyAudit(store.db)).ok).toBe(true);
      } finally {
        await store.close();
      }
    });
  }
});
