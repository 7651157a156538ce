import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import type { ServiceDeps } from '../service-deps.js';
import { linkRequests, unlinkRequests } from './link-requests.js';
import { LinkOut } from './rights-schemas.js';

const tags = ['rights requests'];
const Id = z.object({ id: z.string().max(64) });

/**
 * Linking requests by hand (the same person at different addresses), for the repeats that inform the "manifestly
 * excessive" judgement (UK GDPR Art 12(5)). Both sides get a timeline and audit entry.
 */
export async function linkRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/rights/requests/:id/links',
    {
      config: { access: 'rights:work' },
      schema: {
        tags,
        summary: 'Link another request from the same person who used a different address: it counts in both requests\' linked requests and repeats (Art 12(5)); why is required',
        params: Id,
        body: z.object({ otherId: z.string().max(64), reason: z.string().max(2000).describe('Why these come from the same person, e.g. "same name and school, a new address"') }).strict(),
        response: { 200: LinkOut },
      },
    },
    async (req) => linkRequests(deps, req.params.id, req.body.otherId, actorFromRequest(req), req.body.reason),
  );
  r.delete(
    '/api/rights/requests/:id/links/:otherId',
    { config: { access: 'rights:work' }, schema: { tags, summary: 'Remove a link made by hand (requests from one address stay linked by it)', params: Id.extend({ otherId: z.string().max(64) }), response: { 200: LinkOut } } },
    async (req) => unlinkRequests(deps, req.params.id, req.params.otherId, actorFromRequest(req)),
  );
}
