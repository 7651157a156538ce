import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../service-deps.js';
import { apiKeyRoutes } from './api-key-routes.js';
import { authRoutes } from './auth-routes.js';
import { registerSessionGuards } from './register-session-guards.js';
import { userRoutes } from './user-routes.js';

/** The accounts capability's HTTP part: session guards (MFA step, CSRF) for every route, then its own routes. */
export async function accountsRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await registerSessionGuards(app, deps);
  await authRoutes(app, deps);
  await userRoutes(app, deps);
  await apiKeyRoutes(app, deps);
}
