import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import { contentDisposition } from '../replies/content-disposition.js';
import type { ServiceDeps } from '../service-deps.js';
import { listIdentityDocuments, readIdentityDocument } from './identity-documents.js';

const tags = ['rights requests'];
const Params = z.object({ id: z.uuid('a request id') });
const DocParams = Params.extend({ documentId: z.uuid('a document id') });
const DocumentOut = z.object({
  id: z.string(),
  requestId: z.string(),
  name: z.string().nullable(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  purgedAt: z.string().nullable(),
});

/**
 * Staff side of proof of identity sent by the person (Art 12(6)): the list (the timeline names each upload) and the
 * download, which needs rights:work and is audited. After checking, staff record identity received
 * (POST .../identity/received), which moves the relevant time.
 */
export async function identityRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/rights/requests/:id/identity-documents',
    { config: { access: 'rights:read' }, schema: { tags, summary: 'Proof of identity the person uploaded (metadata; purged documents keep type, size and hash)', params: Params, response: { 200: z.object({ documents: z.array(DocumentOut) }) } } },
    async (req) => ({ documents: await listIdentityDocuments(deps.store.db, deps.cipher, req.params.id) }),
  );
  r.get(
    '/api/rights/requests/:id/identity-documents/:documentId/content',
    {
      config: { access: 'rights:work' },
      schema: {
        tags,
        summary: 'Open a proof of identity the person uploaded; audited (identity.document_read)',
        params: DocParams,
        produces: ['application/octet-stream'],
        response: { 200: z.any().meta({ type: 'string', format: 'binary', description: 'The document, sent with its own content type (PDF, PNG, JPEG, GIF or WebP)' }) },
      },
    },
    async (req, reply) => {
      const { document, bytes } = await readIdentityDocument(deps, req.params.id, req.params.documentId, actorFromRequest(req));
      return reply
        .header('content-type', document.contentType)
        .header('content-disposition', contentDisposition(document.name ?? 'document'))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
}
