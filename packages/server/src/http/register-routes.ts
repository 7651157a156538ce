import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../service-deps.js';
import { healthRoutes } from './health-routes.js';
import { auditRoutes } from '../audit/audit-routes.js';

/** Every route module. Each capability adds its module here (one line). */
export async function registerRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await healthRoutes(app, deps);
  await auditRoutes(app, deps);
}
