import type { JobQueue } from './job-queue.js';

// The job queue is a service dependency like the store; the jobs module creates it at init.
declare module '../service-deps.js' {
  interface ServiceDeps {
    jobs: JobQueue;
  }
}

export type { JobQueue };
