import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../store/migrations/index.js';
import { assertBuilt, cleanEnv, killAll, SERVER_DIST, spawnNode, startPledge, type Child } from '../test-support/spawn-pledge.js';
import { createPostgresDatabase, hasPostgres } from '../test-support/test-stores.js';

// Production shape: two web processes and workers, started at the same moment against one PostgreSQL database.

const KEYS = `k1:${Buffer.alloc(32, 5).toString('base64')}`;
const SECRET = 'several-processes-session-secret-0123456789';
const JOBS = 40;

/**
 * A worker process with one extra job, registered the way a capability registers its jobs: the handler appends an
 * audit entry naming the job's number, deliberately without an idempotency check, so a job run twice shows twice.
 */
const WORKER = `
const { loadConfig, startService, appendAudit } = await import(process.env.SERVER_DIST);
const config = loadConfig({ env: process.env, flags: { roles: 'worker', logLevel: 'warn' } });
const running = await startService(config);
const job = {
  name: 'e2e.count', version: 1, retry: { limit: 0, delaySeconds: 0, backoff: false }, concurrency: 4,
  payload: { safeParse: (v) => ({ success: true, data: v }) },
  handler: async ({ n }, ctx) => {
    await new Promise((r) => setTimeout(r, 20));
    await ctx.deps.store.db.transaction().execute((trx) => appendAudit(trx, ctx.deps.clock, { actor: { type: 'system' }, action: 'e2e.job_ran', subject: { type: 'e2e', id: String(n) }, details: { pid: process.pid } }));
  },
};
await running.deps.jobs.register(job);
console.log('worker ready');
if (process.env.ENQUEUE) {
  for (let n = 0; n < Number(process.env.ENQUEUE); n++) await running.deps.jobs.enqueue(job, { n });
  console.log('enqueued');
}
process.once('SIGTERM', () => running.stop().then(() => process.exit(0)));
`;

describe('several processes on one PostgreSQL', async () => {
  const available = await hasPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'pledge-multi-'));
  let db: { url: string; drop: () => Promise<void> } | undefined;
  afterAll(async () => {
    await killAll();
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  it.runIf(available)('two web processes answer, migrations run once, and each job runs once', { timeout: 180_000 }, async () => {
    assertBuilt();
    db = await createPostgresDatabase();
    const env = cleanEnv({ DATABASE_URL: db.url, PLEDGE_ENCRYPTION_KEYS: KEYS, PLEDGE_SESSION_SECRET: SECRET, PLEDGE_DATA_DIR: dataDir });
    // All at once, on an empty database: they race to migrate.
    const [webA, webB, worker] = await Promise.all([startPledge(['--role', 'web'], env), startPledge(['--role', 'web'], env), startPledge(['--role', 'worker'], env)]);
    for (const web of [webA, webB]) {
      const res = await fetch(`${web.address}/health/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', database: 'ok', store: 'postgres' });
    }
    expect(webA.address).not.toBe(webB.address);
    expect(worker.address).toBeUndefined();

    // The migrator's lock let exactly one process apply the migrations; the others found nothing to do.
    const applied = [webA, webB, worker].filter((p) => /"msg":"migrations applied"/.test(p.output()));
    expect(applied).toHaveLength(1);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('select name from pledge_migration order by name');
      expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name).sort());

      // Jobs: two worker processes (and the \`pledge serve --role worker\`) share one queue; each job runs exactly once.
      // One after the other: this script registers its job after start-up, outside the start-up lock under which the
      // service's own modules register theirs, and pg-boss cannot create one queue from two processes at once.
      const workers: Child[] = [spawnNode(['--input-type=module', '-e', WORKER], { ...env, SERVER_DIST })];
      await workers[0]!.waitFor(/worker ready/, 60_000);
      workers.push(spawnNode(['--input-type=module', '-e', WORKER], { ...env, SERVER_DIST, ENQUEUE: String(JOBS) }));
      await workers[1]!.waitFor(/worker ready/, 60_000);
      await workers[1]!.waitFor(/enqueued/, 60_000);
      const deadline = Date.now() + 60_000;
      let ran: { subject_id: string; n: string }[] = [];
      while (Date.now() < deadline) {
        ran = (await client.query<{ subject_id: string; n: string }>("select subject_id, count(*) as n from audit_log where action = 'e2e.job_ran' group by subject_id")).rows;
        if (ran.length === JOBS) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(ran).toHaveLength(JOBS);
      await new Promise((r) => setTimeout(r, 1500)); // a double run would show up now
      const twice = (await client.query("select subject_id from audit_log where action = 'e2e.job_ran' group by subject_id having count(*) > 1")).rows;
      expect(twice).toEqual([]);
      const pids = (await client.query("select distinct details->>'pid' as pid from audit_log where action = 'e2e.job_ran'")).rows;
      expect(pids.length).toBeGreaterThanOrEqual(1);
      const verify = await fetch(`${webA.address}/health/ready`);
      expect(verify.status).toBe(200);
      for (const w of workers) w.process.kill('SIGTERM');
      for (const w of workers) expect((await w.exited).code).toBe(0);
    } finally {
      await client.end();
    }
    for (const p of [webA, webB, worker]) p.process.kill('SIGTERM');
    for (const p of [webA, webB, worker]) expect((await p.exited).code).toBe(0);
  });
});
