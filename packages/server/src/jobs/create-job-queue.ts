import PgBoss from 'pg-boss';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { createBossExecutor } from './boss-executor.js';
import type { JobDefinition } from './define-job.js';
import type { AnyJobDefinition, EnqueueOptions, JobQueue } from './job-queue.js';
import { PermanentJobError } from './permanent-job-error.js';
import { BOSS_SCHEMA, listJobs, readJob } from './read-jobs.js';
import { transactionDb } from './transaction-db.js';

export interface JobQueueOptions {
  /** How often an idle worker looks for jobs. pg-boss's minimum is 0.5 s. Default 1 s. */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for jobs in progress. Default 30 s. */
  shutdownGraceMs?: number;
  /** Maintenance (expiring stuck jobs, archiving finished ones) runs in this process. */
  supervise: boolean;
  /** pg-boss's timekeeper (cron) runs in this process. */
  schedule: boolean;
}

/** What is stored in a job's data: the payload with the version of the definition that sent it. */
interface Envelope {
  v: number;
  payload: unknown;
}

/**
 * Creates and starts the job queue on the service's store: pg-boss's schema is created (or migrated) in the same
 * database, under pg-boss's own advisory lock, so several processes may start at once.
 */
export async function createJobQueue(deps: Omit<ServiceDeps, 'jobs'>, options: JobQueueOptions): Promise<JobQueue> {
  const { store, logger } = deps;
  const log = logger.child({ component: 'jobs' });
  const executor = createBossExecutor(store, log);
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => executor.executeSql(text, values) },
    schema: BOSS_SCHEMA,
    supervise: options.supervise,
    // Maintenance expires jobs whose worker died mid-run (after their timeout) so they run again: every 30 s rather
    // than pg-boss's 2 minutes, so work interrupted by a crash resumes soon after its timeout.
    maintenanceIntervalSeconds: 30,
    schedule: options.schedule,
    migrate: true,
  });
  // pg-boss reports background failures (polling, maintenance) as events; without a listener they would crash the process.
  boss.on('error', (e: Error & { queue?: string }) => log.error({ err: { message: e.message }, queue: e.queue }, 'job queue error'));
  await boss.start();

  const polling = options.pollingIntervalSeconds ?? 1;
  const grace = options.shutdownGraceMs ?? 30_000;
  const definitions = new Map<string, AnyJobDefinition>();
  const workerIds = new Map<string, string[]>();
  let working = false;
  let scheduling = false;
  let handlersRunning = 0;
  let stopping: Promise<void> | undefined;

  const queueOptions = (def: AnyJobDefinition) => ({
    name: def.name,
    policy: def.policy ?? 'standard',
    retryLimit: def.retry.limit,
    retryDelay: def.retry.delaySeconds,
    retryBackoff: def.retry.backoff,
    ...(def.timeoutSeconds ? { expireInSeconds: def.timeoutSeconds } : {}),
  });
  // Per job, so a job keeps the policy it was sent with even if the queue's defaults change later.
  const sendOptions = (def: AnyJobDefinition) => ({
    retryLimit: def.retry.limit,
    retryDelay: def.retry.delaySeconds,
    retryBackoff: def.retry.backoff,
    ...(def.timeoutSeconds ? { expireInSeconds: def.timeoutSeconds } : {}),
  });

  function validate<P>(def: JobDefinition<P>, payload: unknown): P {
    const parsed = def.payload.safeParse(payload);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new PledgeError('invalid_input', `The payload for job ${def.name} (version ${def.version}) is not valid: ${issues.join('; ')}.`, { job: def.name, issues });
  }

  /** Runs one job: upgrade and validate the payload, call the handler with its context. */
  async function runJob(name: string, job: PgBoss.JobWithMetadata<Envelope>): Promise<unknown> {
    const def = definitions.get(name);
    const jobLog = log.child({ job: name, jobId: job.id, attempt: job.retryCount + 1 });
    handlersRunning++;
    try {
      if (!def) throw new Error(`No definition registered for job ${name}.`);
      const env = job.data;
      const version = typeof env?.v === 'number' ? env.v : 0;
      // A newer process sent it (rolling upgrade): fail this attempt and let a worker that knows the version retry it.
      if (version > def.version) throw new Error(`Job ${name} was sent with payload version ${version}, but this worker knows version ${def.version}.`);
      let raw = env?.payload;
      if (version < def.version) {
        if (!def.upgrade) throw new PermanentJobError(`Job ${name} has payload version ${version} and the definition (version ${def.version}) has no upgrade for it.`);
        raw = def.upgrade(raw, version);
      }
      let payload: unknown;
      try {
        payload = validate(def, raw);
      } catch (e) {
        throw new PermanentJobError((e as Error).message);
      }
      const started = Date.now();
      const result = await def.handler(payload as never, {
        deps: deps as ServiceDeps,
        jobId: job.id,
        name,
        attempt: job.retryCount + 1,
        isFinalAttempt: job.retryCount >= job.retryLimit,
        logger: jobLog,
      });
      jobLog.info({ ms: Date.now() - started }, 'job completed');
      return result ?? null;
    } catch (e) {
      const err = e as Error;
      if (err instanceof PermanentJobError) {
        // Use up the retries so pg-boss's fail() lands in `failed` at once.
        await executor.executeSql(`update ${BOSS_SCHEMA}.job set retry_limit = retry_count where name = $1 and id = $2`, [name, job.id]);
      }
      // The message can carry personal data (an SMTP reply quoting an address): it goes to the job's record, shown
      // to staff through the API, never to the logs.
      jobLog.warn({ errorName: err.name, final: err instanceof PermanentJobError || job.retryCount >= job.retryLimit }, 'job failed');
      throw err;
    } finally {
      handlersRunning--;
    }
  }

  async function startWorkers(def: AnyJobDefinition): Promise<void> {
    const concurrency = store.kind === 'pglite' ? 1 : Math.max(1, def.concurrency ?? 2);
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      let id: string | undefined;
      // One job per fetch: a batch fails or completes as a whole in pg-boss, and PGlite runs one statement at a time anyway.
      id = await boss.work<Envelope>(def.name, { pollingIntervalSeconds: polling, batchSize: 1, includeMetadata: true }, async ([job]) => {
        try {
          return await runJob(def.name, job!);
        } finally {
          // pg-boss waits out the polling interval even after a job; a notified worker fetches again at once, so a
          // busy queue drains at full speed and only an idle one polls.
          if (id) boss.notifyWorker(id);
        }
      });
      ids.push(id);
    }
    workerIds.set(def.name, ids);
  }

  async function syncSchedules(): Promise<void> {
    const wanted = new Set<string>();
    for (const def of definitions.values()) {
      if (!def.schedule) continue;
      wanted.add(def.name);
      const data: Envelope = { v: def.version, payload: validate(def, def.schedule.payload) };
      await boss.schedule(def.name, def.schedule.cron, data, { ...sendOptions(def), tz: def.schedule.tz ?? 'UTC' });
    }
    // A definition that no longer has a schedule must stop being sent.
    for (const s of await boss.getSchedules()) {
      if (definitions.has(s.name) && !wanted.has(s.name)) await boss.unschedule(s.name);
    }
  }

  const queue: JobQueue = {
    async register(def) {
      const known = definitions.has(def.name);
      definitions.set(def.name, def);
      await boss.createQueue(def.name, queueOptions(def));
      if (known) await boss.updateQueue(def.name, queueOptions(def));
      if (working && !workerIds.has(def.name)) await startWorkers(def);
      if (scheduling) await syncSchedules();
    },

    async enqueue(def, payload, opts: EnqueueOptions = {}) {
      const registered = definitions.get(def.name);
      if (!registered) throw new Error(`Job ${def.name} is not registered: call deps.jobs.register(${def.name}) in its service module's init.`);
      const data: Envelope = { v: def.version, payload: validate(def, payload) };
      const id = await boss.send(def.name, data, {
        ...sendOptions(registered),
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.startAfter !== undefined ? { startAfter: opts.startAfter } : {}),
        ...(opts.trx ? { db: transactionDb(opts.trx) } : {}),
      });
      if (id === null && !opts.singletonKey) throw new Error(`Job ${def.name} was not queued: its queue is missing from the database.`);
      // Sent outside a transaction: it is visible now, so wake this process's idle worker instead of waiting for its poll.
      if (id && !opts.trx) for (const w of workerIds.get(def.name) ?? []) boss.notifyWorker(w);
      return id;
    },

    getJob: (id) => readJob(store.db, id),
    listJobs: (q) => listJobs(store.db, q),

    async start(roles) {
      if (roles.worker && !working) {
        working = true;
        for (const def of definitions.values()) await startWorkers(def);
      }
      if (roles.scheduler && !scheduling) {
        scheduling = true;
        await syncSchedules();
      }
    },

    stop: () =>
      (stopping ??= (async () => {
        // Graceful: pg-boss stops fetching and waits for its workers' jobs; then we wait for any handler that a fetch
        // still in flight handed over, and for the completions pg-boss sends without awaiting, before the connection goes.
        await boss.stop({ graceful: true, wait: true, timeout: grace, close: false });
        const until = Date.now() + grace;
        while (handlersRunning > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        // pg-boss marks a finished job complete a few ticks after the handler returns, without awaiting it.
        await new Promise((r) => setTimeout(r, 50));
        await executor.idle(Math.max(0, until - Date.now()));
        await executor.close();
        log.info('job queue stopped');
      })()),
  };
  return queue;
}
