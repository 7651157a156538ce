import '../jobs/jobs-deps.js';
import type { ServiceModule } from '../serve/service-module.js';
import { replyPurgeJob } from './purge-reply-files.js';

/** Replies in start-up: the hourly job that deletes reply files once their links have expired. After the jobs module. */
export const repliesModule: ServiceModule = {
  name: 'replies',
  async init(deps) {
    await deps.jobs.register(replyPurgeJob);
  },
};
