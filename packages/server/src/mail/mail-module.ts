import '../jobs/jobs-deps.js';
import type { ServiceModule } from '../serve/service-module.js';
import './mail-deps.js';
import { mailSendJob } from './mail-send-job.js';
import { createMailTransport } from './mail-transport.js';

/** Mail in start-up: the transport from the configuration, and the mail.send job. Comes after the jobs module. */
export const mailModule: ServiceModule = {
  name: 'mail',
  async init(deps) {
    deps.mailer = createMailTransport(deps.config);
    await deps.jobs.register(mailSendJob);
  },
};
