import type { Permission } from '../auth/permissions.js';

/** Every route says who may call it, in its `config.access`. A route without it fails at startup. */
export type RouteAccess = 'public' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
