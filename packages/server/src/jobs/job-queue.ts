import type { Transaction } from 'kysely';
import type { Database } from '../store/database.js';
import type { JobDefinition } from './define-job.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds definitions of every payload type
export type AnyJobDefinition = JobDefinition<any>;

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  trx?: Transaction<Database>;
  /** Deduplication key; its effect depends on the job's policy (see JobPolicy). */
  singletonKey?: string;
  /** Run no earlier than this time, or this many seconds from now. */
  startAfter?: Date | number;
}

/** A job as the status API shows it. */
export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  /** Payload version the job was sent with (null for jobs not sent through defineJob). */
  version: number | null;
  /** Runs started so far (0 while waiting for its first run). */
  attempts: number;
  retryLimit: number;
  /** The last failure's message, while retrying and once failed. */
  error: string | null;
  singletonKey: string | null;
  createdAt: string;
  startAfter: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Payloads carry ids, not personal data (a habit every job keeps). */
  payload: unknown;
}

export interface ListJobsQuery {
  state?: JobState;
  name?: string;
  limit: number;
  offset?: number;
}

/**
 * The job queue every capability uses. Backed by pg-boss in the service's own database (PGlite or PostgreSQL).
 * Inside a transaction, always pass `trx`: on the embedded database a send outside it would wait for the
 * transaction's own connection.
 */
export interface JobQueue {
  /** Adds (or replaces) a job definition: creates its queue, and starts working it if this process runs workers. */
  register(def: AnyJobDefinition): Promise<void>;
  /** Validates the payload and sends the job. Returns its id, or null when a singleton key deduplicated it. */
  enqueue<P>(def: JobDefinition<P>, payload: P, options?: EnqueueOptions): Promise<string | null>;
  getJob(id: string): Promise<JobInfo | null>;
  listJobs(query: ListJobsQuery): Promise<JobInfo[]>;
  /** Begins work for the roles this process runs: workers process jobs, the scheduler sends timed jobs. */
  start(roles: { worker: boolean; scheduler: boolean }): Promise<void>;
  /** Stops fetching, waits for jobs in progress (up to the grace period), releases connections. Idempotent. */
  stop(): Promise<void>;
}
