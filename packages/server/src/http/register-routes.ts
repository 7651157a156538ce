import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../service-deps.js';
import { healthRoutes } from './health-routes.js';
import { accountsRoutes } from '../accounts/accounts-routes.js';
import { auditRoutes } from '../audit/audit-routes.js';
import { declarationsRoutes } from '../declarations/index.js';
import { openApiRoutes } from '../openapi/openapi-routes.js';
import { jobsRoutes } from '../jobs/jobs-routes.js';
import { mailRoutes } from '../mail/mail-routes.js';
import { replyRoutes } from '../replies/reply-routes.js';
import { staffPagesRoutes } from '../staff-pages/staff-pages-routes.js';
import { rightsRequestsRoutes } from '../rights/index.js';
import { consentBannerRoutes } from '../consent-banner/consent-banner-routes.js';
import { suppressionRoutes } from '../suppression/suppression-routes.js';
import { consentRoutes } from '../consent/index.js';

/** Every route module. Each capability adds its module here (one line). */
export async function registerRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await accountsRoutes(app, deps);
  await healthRoutes(app, deps);
  await auditRoutes(app, deps);
  await declarationsRoutes(app, deps);
  await jobsRoutes(app, deps);
  await mailRoutes(app, deps);
  await replyRoutes(app, deps);
  await staffPagesRoutes(app, deps);
  await rightsRequestsRoutes(app, deps);
  await consentBannerRoutes(app, deps);
  await suppressionRoutes(app, deps);
  await consentRoutes(app, deps);
  await openApiRoutes(app);
}
