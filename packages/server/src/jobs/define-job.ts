import type { z } from 'zod';
import type { Logger } from 'pino';
import type { ServiceDeps } from '../service-deps.js';

/** How a failed run is retried: `limit` retries after the first attempt, `delaySeconds` apart, doubling (with jitter) when `backoff`. */
export interface RetryPolicy {
  limit: number;
  delaySeconds: number;
  backoff: boolean;
}

/** What a handler is given besides its payload. */
export interface JobContext {
  deps: ServiceDeps;
  /** The job's id: stable across retries, so a handler can key its idempotency on it. */
  jobId: string;
  name: string;
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number;
  /** True when a failure now ends the job in `failed` (no retry left). */
  isFinalAttempt: boolean;
  logger: Logger;
}

/**
 * Queue behaviour for `singletonKey` (pg-boss queue policies): 'standard' ignores the key; 'short' keeps at most one
 * queued job per key; 'singleton' runs at most one per key at a time; 'stately' at most one per key per state.
 */
export type JobPolicy = 'standard' | 'short' | 'singleton' | 'stately';

export interface JobDefinition<P = unknown> {
  /** Queue name, e.g. "mail.send". Stable: renaming strands queued jobs. */
  readonly name: string;
  /** Payload version, stored with every job. Bump it when the payload shape changes, and give `upgrade`. */
  readonly version: number;
  readonly payload: z.ZodType<P>;
  readonly retry: RetryPolicy;
  /** Must be idempotent: a job may run more than once (retry after a crash, expiry, redelivery). */
  readonly handler: (payload: P, ctx: JobContext) => Promise<unknown>;
  /** Turns a payload stored by an older version into the current shape before it is validated. */
  readonly upgrade?: (payload: unknown, fromVersion: number) => unknown;
  readonly policy?: JobPolicy;
  /** A run taking longer than this fails (and retries). Default 15 minutes. */
  readonly timeoutSeconds?: number;
  /** Concurrent runs per worker process on PostgreSQL (the embedded database always runs one at a time). Default 2. */
  readonly concurrency?: number;
  /** For timed jobs: the scheduler role sends `payload` on this cron (UTC unless `tz`). */
  readonly schedule?: { cron: string; payload: P; tz?: string };
}

/**
 * Declares a job: one shape for every job (name, versioned zod payload, retry policy, idempotent handler).
 * Register it with `deps.jobs.register(def)` in the capability's service module `init`.
 * @example
 * export const sweepJob = defineJob({
 *   name: 'retention.sweep', version: 1, payload: z.object({ ruleId: z.string() }),
 *   retry: { limit: 5, delaySeconds: 30, backoff: true },
 *   handler: async ({ ruleId }, ctx) => sweepRule(ctx.deps, ruleId),
 * });
 */
export function defineJob<S extends z.ZodType>(def: Omit<JobDefinition<z.output<S>>, 'payload'> & { payload: S }): JobDefinition<z.output<S>> {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(def.name)) throw new Error(`Job name "${def.name}" must be lower-case letters, digits, ".", "_" or "-", starting with a letter.`);
  if (!Number.isInteger(def.version) || def.version < 1) throw new Error(`Job ${def.name}: version must be a positive integer.`);
  const { limit, delaySeconds } = def.retry;
  if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(delaySeconds) || delaySeconds < 0) {
    throw new Error(`Job ${def.name}: retry.limit and retry.delaySeconds must be whole numbers >= 0.`);
  }
  return Object.freeze({ ...def }) as JobDefinition<z.output<S>>;
}
