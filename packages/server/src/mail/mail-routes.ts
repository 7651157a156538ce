import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { listMail, readMail } from './read-mail.js';

const Status = z.enum(['queued', 'sent', 'failed']);
const Mail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  status: Status,
  attempts: z.number().describe('Delivery attempts so far.'),
  lastError: z.string().nullable().describe('Why the last attempt failed; cleared once sent.'),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  messageId: z.string().nullable(),
  outboxPath: z.string().nullable().describe('The .eml file, when mail goes to the outbox folder.'),
  jobId: z.string().nullable().describe('The mail.send job: GET /api/jobs/{id}.'),
});

/** Outgoing mail for staff: what was queued, sent or failed, and why. */
export async function mailRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/mail',
    {
      config: { access: 'mail:read' },
      schema: {
        tags: ['mail'],
        summary: 'List outgoing mail, newest first',
        querystring: z.object({
          status: Status.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ messages: z.array(Mail), next: z.number().nullable().describe('Offset of the next page, if any.') }) },
      },
    },
    async (req) => {
      const q = req.query;
      const messages = await listMail(deps.store.db, deps.cipher, { limit: q.limit, offset: q.offset, ...(q.status ? { status: q.status } : {}) });
      return { messages, next: messages.length === q.limit ? q.offset + q.limit : null };
    },
  );
  r.get(
    '/api/mail/:id',
    {
      config: { access: 'mail:read' },
      schema: { tags: ['mail'], summary: 'Read one outgoing message: status, attempts, last error', params: z.object({ id: z.string().max(64) }), response: { 200: Mail } },
    },
    async (req) => {
      const mail = await readMail(deps.store.db, deps.cipher, req.params.id);
      if (!mail) throw new PledgeError('not_found', `No message with id ${req.params.id}. List mail at GET /api/mail.`);
      return mail;
    },
  );
}
