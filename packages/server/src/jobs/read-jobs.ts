import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../store/database.js';
import type { JobInfo, JobState, ListJobsQuery } from './job-queue.js';

/** Where pg-boss keeps its tables. */
export const BOSS_SCHEMA = 'pgboss';

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retry_limit: number;
  retry_count: number;
  start_after: Date | string;
  started_on: Date | string | null;
  created_on: Date | string;
  completed_on: Date | string | null;
  singleton_key: string | null;
  output: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The failure message pg-boss stored in `output` (a serialised Error, or its timeout notice). */
function errorOf(row: JobRow): string | null {
  if (row.state !== 'retry' && row.state !== 'failed') return null;
  const o = row.output as { message?: unknown; value?: { message?: unknown } } | null;
  const m = o?.message ?? o?.value?.message;
  return typeof m === 'string' ? m : o ? JSON.stringify(o) : null;
}

/** A stored job as the API shows it. Jobs sent by defineJob carry `{ v, payload }`. */
export function rowToJob(row: JobRow): JobInfo {
  const data = row.data as { v?: unknown; payload?: unknown } | null;
  const enveloped = data !== null && typeof data === 'object' && typeof data.v === 'number' && 'payload' in data;
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    version: enveloped ? (data.v as number) : null,
    attempts: row.started_on === null ? 0 : Number(row.retry_count) + 1,
    retryLimit: Number(row.retry_limit),
    error: errorOf(row),
    singletonKey: row.singleton_key,
    createdAt: iso(row.created_on)!,
    startAfter: iso(row.start_after)!,
    startedAt: iso(row.started_on),
    completedAt: iso(row.completed_on),
    payload: enveloped ? data.payload : data,
  };
}

const COLUMNS = sql.raw('id, name, state::text as state, data, retry_limit, retry_count, start_after, started_on, created_on, completed_on, singleton_key, output');

/** Live jobs and archived ones (pg-boss moves finished jobs to its archive after a while). */
function allJobs(): RawBuilder<unknown> {
  return sql`(select ${COLUMNS} from ${sql.table(`${BOSS_SCHEMA}.job`)} union all select ${COLUMNS} from ${sql.table(`${BOSS_SCHEMA}.archive`)})`;
}

/** One job by id, or null. */
export async function readJob(db: Kysely<Database>, id: string): Promise<JobInfo | null> {
  if (!UUID.test(id)) return null;
  const r = await sql<JobRow>`select * from ${allJobs()} j where id = ${id}::uuid limit 1`.execute(db);
  return r.rows[0] ? rowToJob(r.rows[0]) : null;
}

/** Jobs newest first, optionally of one state and name; pg-boss's internal queues are left out. */
export async function listJobs(db: Kysely<Database>, q: ListJobsQuery): Promise<JobInfo[]> {
  const filters = [sql`name not like '\\_\\_pgboss\\_\\_%'`];
  if (q.state) filters.push(sql`state = ${q.state}`);
  if (q.name) filters.push(sql`name = ${q.name}`);
  const r = await sql<JobRow>`
    select * from ${allJobs()} j where ${sql.join(filters, sql` and `)}
    order by created_on desc, id desc limit ${Math.min(Math.max(q.limit, 1), 1000)} offset ${Math.max(q.offset ?? 0, 0)}`.execute(db);
  return r.rows.map(rowToJob);
}
