import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../service-deps.js';
import { identityRoutes } from './identity-routes.js';
import { linkRoutes } from './link-routes.js';
import { privacyCentreRoutes } from './privacy-centre-routes.js';
import { rightsRoutes } from './rights-routes.js';

export { completeRequest, type CompleteInput } from './decision-actions.js';
export { getRequest, listQueue, type RequestView, type QueueQuery } from './read-requests.js';
export { createRequest } from './create-request.js';
export { emailHash } from './rights-context.js';

/** The rights capability's routes: the staff API and the public privacy centre. */
export async function rightsRequestsRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await rightsRoutes(app, deps);
  await identityRoutes(app, deps);
  await linkRoutes(app, deps);
  await privacyCentreRoutes(app, deps);
}
