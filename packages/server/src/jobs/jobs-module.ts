import type { ServiceModule } from '../serve/service-module.js';
import { createJobQueue } from './create-job-queue.js';
import './jobs-deps.js';

/**
 * The job queue in start-up. Every process role sends jobs, so the queue is created (and pg-boss's schema
 * ensured) at init, before other modules register their jobs; workers and the scheduler begin at start.
 * Must come before any module that registers jobs in SERVICE_MODULES.
 */
export const jobsModule: ServiceModule = {
  name: 'jobs',
  async init(deps) {
    const roles = deps.config.roles;
    const background = roles.includes('worker') || roles.includes('scheduler');
    deps.jobs = await createJobQueue(deps, { supervise: background, schedule: roles.includes('scheduler') });
  },
  async start(deps, roles) {
    await deps.jobs.start({ worker: roles.includes('worker'), scheduler: roles.includes('scheduler') });
    return () => deps.jobs.stop();
  },
};
