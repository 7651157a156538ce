import type { ServiceModule } from './service-module.js';
import { accountsModule } from '../accounts/accounts-module.js';
import { declarationsModule } from '../declarations/declarations-module.js';
import { jobsModule } from '../jobs/jobs-module.js';
import { mailModule } from '../mail/mail-module.js';
import { rightsModule } from '../rights/rights-module.js';
import { consentModule } from '../consent/consent-module.js';
import { repliesModule } from '../replies/replies-module.js';

/** Every capability that takes part in start-up, in order. Each capability adds its module here (one line). */
export const SERVICE_MODULES: ServiceModule[] = [
  accountsModule,
  jobsModule,
  mailModule,
  declarationsModule,
  rightsModule,
  consentModule,
  repliesModule,
];
