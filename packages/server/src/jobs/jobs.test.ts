import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ServiceDeps } from '../service-deps.js';
import { openStore } from '../store/open-store.js';
import { ownerAuthenticate } from '../test-support/owner-authenticate.js';
import { waitFor } from '../test-support/wait-for.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { defineJob } from './define-job.js';
import { BOSS_SCHEMA } from './read-jobs.js';

const authenticate = ownerAuthenticate;


/** Side effects are rows, so they can be counted whichever process ran the job. */
async function effects(deps: ServiceDeps, key: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from job_effects where key = ${key}`.execute(deps.store.db);
  return Number(r.rows[0]!.n);
}

/** Which process ran each echo job. */
const runners = new Map<string, ServiceDeps>();

const echoJob = defineJob({
  name: 'test.echo',
  version: 1,
  payload: z.object({ key: z.string().min(1), n: z.number().int() }),
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  concurrency: 4,
  handler: async ({ key, n }, ctx) => {
    runners.set(key, ctx.deps);
    // `n` doubles as a duration, so concurrent workers overlap.
    if (n > 0 && n < 1000) await new Promise((res) => setTimeout(res, n));
    await sql`insert into job_effects (key, job_id) values (${key}, ${ctx.jobId})`.execute(ctx.deps.store.db);
    return { echoed: n };
  },
});

const failAttempts: number[] = [];
const failingJob = defineJob({
  name: 'test.fail',
  version: 1,
  payload: z.object({ key: z.string() }),
  retry: { limit: 2, delaySeconds: 1, backoff: true },
  handler: async ({ key }) => {
    failAttempts.push(Date.now());
    throw new Error(`boom for ${key}`);
  },
});

const sent: string[] = [];
/** The idempotent pattern: claim the work by a unique key in the database, do the effect only when the claim is new. */
const idempotentJob = defineJob({
  name: 'test.idempotent',
  version: 1,
  payload: z.object({ key: z.string() }),
  retry: { limit: 1, delaySeconds: 1, backoff: false },
  handler: async ({ key }, ctx) => {
    const claimed = await sql`insert into job_once (key) values (${key}) on conflict do nothing returning key`.execute(ctx.deps.store.db);
    if (claimed.rows.length) sent.push(key);
    return { didWork: claimed.rows.length > 0 };
  },
});

const slowJob = defineJob({
  name: 'test.slow',
  version: 1,
  payload: z.object({ key: z.string() }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  handler: async ({ key }, ctx) => {
    await new Promise((r) => setTimeout(r, 1500));
    await sql`insert into job_effects (key, job_id) values (${key}, ${ctx.jobId})`.execute(ctx.deps.store.db);
  },
});

const cronJob = defineJob({
  name: 'test.cron',
  version: 1,
  payload: z.object({ scope: z.string() }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  schedule: { cron: '0 3 * * *', payload: { scope: 'all' } },
  handler: async () => {},
});

async function prepare(svc: TestService): Promise<void> {
  const db = svc.deps.store.db;
  await sql`create table if not exists job_effects (id bigserial primary key, key text not null, job_id text not null)`.execute(db);
  await sql`create table if not exists job_once (key text primary key)`.execute(db);
  for (const def of [echoJob, failingJob, idempotentJob, slowJob, cronJob]) await svc.deps.jobs.register(def);
}

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`jobs on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, {}, { authenticate });
      await prepare(svc);
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('runs a job to completion and shows it through the API', async () => {
      const jobs = svc.deps.jobs;
      const id = (await jobs.enqueue(echoJob, { key: 'run-1', n: 7 }))!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const done = await waitFor('completion', async () => {
        const j = await jobs.getJob(id);
        return j?.state === 'completed' && j;
      });
      expect(done).toMatchObject({ name: 'test.echo', version: 1, attempts: 1, retryLimit: 1, error: null, payload: { key: 'run-1', n: 7 } });
      expect(await effects(svc.deps, 'run-1')).toBe(1);

      const one = await svc.app!.inject({ method: 'GET', url: `/api/jobs/${id}` });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ id, state: 'completed', payload: { key: 'run-1', n: 7 } });
      const list = await svc.app!.inject({ method: 'GET', url: '/api/jobs?state=completed&name=test.echo&limit=100' });
      expect(list.statusCode).toBe(200);
      expect(list.json().jobs.map((j: { id: string }) => j.id)).toContain(id);
      expect(list.json().jobs[0]).not.toHaveProperty('payload');
      expect((await svc.app!.inject({ method: 'GET', url: '/api/jobs?state=nonsense' })).statusCode).toBe(400);
      expect((await svc.app!.inject({ method: 'GET', url: '/api/jobs/00000000-0000-4000-8000-000000000000' })).json().error.code).toBe('not_found');
      expect((await svc.app!.inject({ method: 'GET', url: '/api/jobs/not-a-uuid' })).statusCode).toBe(404);
      expect((await svc.app!.inject({ method: 'GET', url: '/api/jobs', headers: { 'x-test-anonymous': '1' } })).statusCode).toBe(401);
    });

    it.runIf(available)('refuses an invalid payload, or an unregistered job, with a clear error', async () => {
      const jobs = svc.deps.jobs;
      const bad = jobs.enqueue(echoJob, { key: '', n: 1.5 });
      await expect(bad).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(jobs.enqueue(echoJob, { key: '', n: 1.5 })).rejects.toThrow(/payload for job test\.echo \(version 1\) is not valid: key: .*; n: /);
      const stray = defineJob({ name: 'test.unregistered', version: 1, payload: z.object({}), retry: { limit: 0, delaySeconds: 0, backoff: false }, handler: async () => {} });
      await expect(jobs.enqueue(stray, {})).rejects.toThrow(/not registered.*deps\.jobs\.register/);
    });

    it.runIf(available)('retries a failing job with backoff, then shows it failed with its error', async () => {
      const jobs = svc.deps.jobs;
      failAttempts.length = 0;
      const id = (await jobs.enqueue(failingJob, { key: 'f1' }))!;
      const states = new Set<string>();
      const failed = await waitFor(
        'the failed state',
        async () => {
          const j = await jobs.getJob(id);
          if (j) states.add(j.state);
          return j?.state === 'failed' && j;
        },
        25_000,
      );
      expect(states.has('retry')).toBe(true);
      expect(failed.attempts).toBe(3);
      expect(failed.error).toBe('boom for f1');
      expect(failAttempts).toHaveLength(3);
      // Backoff: the second retry waits at least twice the base delay (pg-boss adds jitter on top).
      expect(failAttempts[1]! - failAttempts[0]!).toBeGreaterThanOrEqual(900);
      expect(failAttempts[2]! - failAttempts[1]!).toBeGreaterThanOrEqual(1900);
      const res = await svc.app!.inject({ method: 'GET', url: `/api/jobs/${id}` });
      expect(res.json()).toMatchObject({ state: 'failed', attempts: 3, error: 'boom for f1' });
      const listed = await svc.app!.inject({ method: 'GET', url: '/api/jobs?state=failed' });
      expect(listed.json().jobs.find((j: { id: string }) => j.id === id)).toMatchObject({ error: 'boom for f1' });
    }, 40_000);

    it.runIf(available)('fails at once, without using its retries, a stored payload the definition no longer accepts', async () => {
      const jobs = svc.deps.jobs;
      const base = { name: 'test.strict', version: 1, retry: { limit: 3, delaySeconds: 1, backoff: false }, handler: async () => {} };
      await jobs.register(defineJob({ ...base, payload: z.object({ key: z.string() }) }));
      const id = (await jobs.enqueue(defineJob({ ...base, payload: z.object({ key: z.string() }) }), { key: 'abc' }, { startAfter: 2 }))!;
      // A deploy tightens the payload while the job waits.
      await jobs.register(defineJob({ ...base, payload: z.object({ key: z.string().min(5) }) }));
      const failed = await waitFor('the failed state', async () => {
        const j = await jobs.getJob(id);
        return j?.state === 'failed' && j;
      });
      expect(failed.attempts).toBe(1);
      expect(failed.error).toMatch(/payload for job test\.strict \(version 1\) is not valid: key:/);
    });

    it.runIf(available)('enqueues inside a transaction: a rollback sends nothing, a commit sends the job', async () => {
      const { db } = svc.deps.store;
      const jobs = svc.deps.jobs;
      await expect(
        db.transaction().execute(async (trx) => {
          await jobs.enqueue(echoJob, { key: 'rolled-back', n: 1 }, { trx });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const id = await db.transaction().execute(async (trx) => jobs.enqueue(echoJob, { key: 'committed', n: 1 }, { trx }));
      await waitFor('the committed job', async () => (await jobs.getJob(id!))?.state === 'completed');
      const all = await jobs.listJobs({ name: 'test.echo', limit: 1000 });
      expect(all.some((j) => (j.payload as { key: string }).key === 'rolled-back')).toBe(false);
      expect(await effects(svc.deps, 'rolled-back')).toBe(0);
      expect(await effects(svc.deps, 'committed')).toBe(1);
    });

    it.runIf(available)('an idempotent handler run twice does the work once', async () => {
      const jobs = svc.deps.jobs;
      sent.length = 0;
      const a = (await jobs.enqueue(idempotentJob, { key: 'once' }))!;
      const b = (await jobs.enqueue(idempotentJob, { key: 'once' }))!;
      await waitFor('both runs', async () => (await jobs.getJob(a))?.state === 'completed' && (await jobs.getJob(b))?.state === 'completed');
      // And a direct re-run, as after a crash between the work and the completion.
      const ctx = { deps: svc.deps, jobId: a, name: idempotentJob.name, attempt: 2, isFinalAttempt: false, logger: svc.deps.logger };
      expect(await idempotentJob.handler({ key: 'once' }, ctx)).toEqual({ didWork: false });
      expect(sent).toEqual(['once']);
    });

    it.runIf(available)('the scheduler role registers timed jobs', async () => {
      const r = await sql<{ name: string; cron: string; data: { v: number; payload: unknown } }>`select name, cron, data from ${sql.table(`${BOSS_SCHEMA}.schedule`)}`.execute(svc.deps.store.db);
      expect(r.rows.find((s) => s.name === 'test.cron')).toMatchObject({ cron: '0 3 * * *', data: { v: 1, payload: { scope: 'all' } } });
    });

    it.runIf(available)('graceful shutdown waits for a running job before the store closes', async () => {
      const own = await startTestService(kind, {}, { authenticate });
      let disposed = false;
      try {
        await prepare(own);
        const id = (await own.deps.jobs.enqueue(slowJob, { key: 'slow-1' }))!;
        await waitFor('the job to start', async () => (await own.deps.jobs.getJob(id))?.state === 'active');
        await own.stop();
        const cfg = own.deps.config;
        const store = await openStore({ ...(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : {}), dataDir: `${cfg.dataDir}/db` });
        try {
          const row = await sql<{ state: string }>`select state::text as state from ${sql.table(`${BOSS_SCHEMA}.job`)} where id = ${id}::uuid`.execute(store.db);
          expect(row.rows[0]?.state).toBe('completed');
          const n = await sql<{ n: string }>`select count(*) as n from job_effects where key = 'slow-1'`.execute(store.db);
          expect(Number(n.rows[0]!.n)).toBe(1);
        } finally {
          await store.close();
        }
        await own.dispose();
        disposed = true;
      } finally {
        if (!disposed) await own.dispose();
      }
    });

    it.runIf(available && kind === 'postgres')('two worker processes on one PostgreSQL run each job exactly once', async () => {
      const second = await startTestService('postgres', { databaseUrl: svc.deps.config.databaseUrl }, { authenticate });
      try {
        await second.deps.jobs.register(echoJob);
        const keys = Array.from({ length: 60 }, (_, i) => `multi-${i}`);
        const { db } = svc.deps.store;
        // Committed in one transaction, so both processes find all of them at their next poll.
        const ids = await db.transaction().execute(async (trx) => {
          const out: string[] = [];
          for (const key of keys) out.push((await svc.deps.jobs.enqueue(echoJob, { key, n: 100 }, { trx }))!);
          return out;
        });
        await waitFor('all jobs', async () => {
          const done = await sql<{ n: string }>`select count(*) as n from ${sql.table(`${BOSS_SCHEMA}.job`)} where id = any(${ids}::uuid[]) and state = 'completed'`.execute(db);
          return Number(done.rows[0]!.n) === keys.length;
        });
        const counts = await sql<{ key: string; n: string }>`select key, count(*) as n from job_effects where key like 'multi-%' group by key`.execute(db);
        expect(counts.rows).toHaveLength(keys.length);
        expect(counts.rows.every((r) => Number(r.n) === 1)).toBe(true);
        // Both processes took part: the exactly-once above is SKIP LOCKED at work, not one process doing everything.
        const byFirst = keys.filter((k) => runners.get(k) === svc.deps).length;
        const bySecond = keys.filter((k) => runners.get(k) === second.deps).length;
        expect(byFirst + bySecond).toBe(keys.length);
        expect(byFirst).toBeGreaterThan(0);
        expect(bySecond).toBeGreaterThan(0);
      } finally {
        await second.stop();
      }
    });
  });
}
