import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../service-deps.js';
import { ApiKeySchema, IdParams } from './accounts-schemas.js';
import { contextOf } from './context-of.js';
import { createApiKey } from './create-api-key.js';
import { listApiKeys } from './list-api-keys.js';
import { revokeApiKey } from './revoke-api-key.js';

/** API keys for systems: list, create (the key is shown once), revoke. */
export async function apiKeyRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['api keys'];

  r.get('/api/api-keys', { config: { access: 'apikeys:manage' }, schema: { tags, summary: 'List API keys (never the keys themselves)', response: { 200: z.object({ apiKeys: z.array(ApiKeySchema) }) } } }, async () => ({
    apiKeys: await listApiKeys(deps),
  }));

  r.post(
    '/api/api-keys',
    {
      config: { access: 'apikeys:manage' },
      schema: {
        tags,
        summary: 'Create an API key with some of your own permissions as scopes; the key is shown only in this response',
        body: z.object({ name: z.string().min(1).max(200), scopes: z.array(z.string().max(64)).max(32) }),
        response: { 201: z.object({ apiKey: ApiKeySchema, key: z.string().describe('Send as "Authorization: Bearer <key>". Store it now: it cannot be shown again.') }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiKey(deps, req.principal, req.body, contextOf(req))),
  );

  r.delete(
    '/api/api-keys/:id',
    { config: { access: 'apikeys:manage' }, schema: { tags, summary: 'Revoke an API key at once', params: IdParams, response: { 200: z.object({ apiKey: ApiKeySchema }) } } },
    async (req) => ({ apiKey: await revokeApiKey(deps, req.principal, req.params.id, contextOf(req)) }),
  );
}
