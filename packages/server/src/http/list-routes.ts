import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from './route-access.js';

/** One registered route and who may call it. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

const registry = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Called by buildApp's onRoute hook for every route, so the whole table can be walked (see route-access.test.ts). */
export function recordRoute(app: FastifyInstance, method: string | string[], url: string, access: RouteAccess): void {
  let list = registry.get(app);
  if (!list) registry.set(app, (list = []));
  for (const m of Array.isArray(method) ? method : [method]) list.push({ method: m, url, access });
}

/** Every route of an app built by buildApp, with its declared access, in registration order. */
export function listRoutes(app: FastifyInstance): readonly RouteEntry[] {
  return registry.get(app) ?? [];
}
