import '../jobs/jobs-deps.js';
import { holidayCalendar } from '../config/holidays-file.js';
import type { ServiceModule } from '../serve/service-module.js';
import { identityPurgeJob } from './identity-documents.js';
import { rightsRemindersJob } from './send-reminders.js';

/** Rights requests in start-up: the hourly reminders and escalation job, the daily purge of identity documents. Comes after the jobs and mail modules. */
export const rightsModule: ServiceModule = {
  name: 'rights',
  async init(deps) {
    // The bank-holidays file (PLEDGE_HOLIDAYS_FILE) is read before anything is served: one that cannot be used stops the start.
    holidayCalendar(deps.config, 'england-and-wales');
    await deps.jobs.register(rightsRemindersJob);
    await deps.jobs.register(identityPurgeJob);
  },
};
