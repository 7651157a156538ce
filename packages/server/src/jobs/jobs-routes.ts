import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { JOB_STATES, type JobInfo } from './job-queue.js';

const JobSummary = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(JOB_STATES),
  version: z.number().nullable(),
  attempts: z.number().describe('Runs started so far.'),
  retryLimit: z.number(),
  error: z.string().nullable().describe('The last failure, while retrying and once failed.'),
  singletonKey: z.string().nullable(),
  createdAt: z.string(),
  startAfter: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
const Job = JobSummary.extend({ payload: z.unknown() });

const summary = ({ payload: _payload, ...rest }: JobInfo) => rest;

/** Job status for staff: what is queued, running, retrying and failed, and why. */
export async function jobsRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/jobs',
    {
      config: { access: 'jobs:read' },
      schema: {
        tags: ['jobs'],
        summary: 'List background jobs, newest first',
        querystring: z.object({
          state: z.enum(JOB_STATES).optional(),
          name: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ jobs: z.array(JobSummary), next: z.number().nullable().describe('Offset of the next page, if any.') }) },
      },
    },
    async (req) => {
      const q = req.query;
      const jobs = await deps.jobs.listJobs({ limit: q.limit, offset: q.offset, ...(q.state ? { state: q.state } : {}), ...(q.name ? { name: q.name } : {}) });
      return { jobs: jobs.map(summary), next: jobs.length === q.limit ? q.offset + q.limit : null };
    },
  );
  r.get(
    '/api/jobs/:id',
    {
      config: { access: 'jobs:read' },
      schema: {
        tags: ['jobs'],
        summary: 'Read one background job: state, attempts, last error, payload',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: Job },
      },
    },
    async (req) => {
      const job = await deps.jobs.getJob(req.params.id);
      if (!job) throw new PledgeError('not_found', `No job with id ${req.params.id}. List jobs at GET /api/jobs.`);
      return job;
    },
  );
}
