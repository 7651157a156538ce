import type { FastifyInstance } from 'fastify';
import { openApiDocument } from './openapi-document.js';

/** GET /openapi.json: the machine-readable API description (the browsable reference is at /docs). */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  let cached: Record<string, unknown> | undefined;
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    // Built on first use: the document is complete only once every route is registered and the app is ready.
    cached ??= openApiDocument(app);
    return reply.type('application/json; charset=utf-8').send(cached);
  });
}
