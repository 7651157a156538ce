import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../service-deps.js';

/** Liveness (the process answers) and readiness (the database answers too). */
export async function healthRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['ok', 'unavailable', 'not_checked']), store: z.enum(['pglite', 'postgres']) });
  app.get('/health/live', { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Liveness', response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    database: 'not_checked' as const,
    store: deps.store.kind,
  }));
  app.get(
    '/health/ready',
    { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      try {
        await deps.store.ping();
        return { status: 'ok' as const, database: 'ok' as const, store: deps.store.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: 'unavailable' as const, store: deps.store.kind });
      }
    },
  );
  app.get('/health', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => reply.redirect('/health/ready'));
}
