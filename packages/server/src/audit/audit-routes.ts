import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../service-deps.js';
import { Readable } from 'node:stream';
import { appendAudit } from './append-audit.js';
import { exportAudit } from './export-audit.js';
import { readAudit } from './read-audit.js';
import { verifyAudit } from './verify-audit.js';

const Entry = z.object({
  seq: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

/** The audit trail for auditors: read in pages, export, verify the chain. */
export async function auditRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit trail in chain order',
        querystring: z.object({
          after: z.coerce.number().int().min(0).optional().describe('Return entries after this sequence number.'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          subjectType: z.string().max(64).optional(),
          subjectId: z.string().max(128).optional(),
          action: z.string().max(128).optional(),
        }),
        response: { 200: z.object({ entries: z.array(Entry), next: z.number().nullable() }) },
      },
    },
    async (req) => {
      const q = req.query;
      const entries = await readAudit(deps.store.db, {
        afterSeq: q.after,
        limit: q.limit,
        ...(q.subjectType ? { subject: { type: q.subjectType, ...(q.subjectId ? { id: q.subjectId } : {}) } } : {}),
        ...(q.action ? { action: q.action } : {}),
      });
      return { entries, next: entries.length === q.limit ? entries[entries.length - 1]!.seq : null };
    },
  );
  r.get(
    '/api/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain: finds edited, removed or reordered entries',
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            headSeq: z.number(),
            headHash: z.string(),
            problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })),
          }),
        },
      },
    },
    async () => verifyAudit(deps.store.db),
  );
  r.get(
    '/api/audit/export',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Export the whole audit trail (CSV or JSON Lines); the export itself is audited',
        querystring: z.object({ format: z.enum(['csv', 'jsonl']).default('csv') }),
      },
    },
    async (req, reply) => {
      const p = req.principal;
      await appendAudit(deps.store.db, deps.clock, {
        actor: { type: p.kind === 'user' ? 'user' : p.kind === 'api_key' ? 'api_key' : 'public', id: p.kind === 'user' ? p.userId : p.kind === 'api_key' ? p.keyId : null, ip: req.ip, requestId: req.id },
        action: 'audit.exported',
        details: { format: req.query.format },
      });
      const csv = req.query.format === 'csv';
      reply.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="pledge-audit.${csv ? 'csv' : 'jsonl'}"`);
      return reply.send(Readable.from(exportAudit(deps.store.db, req.query.format)));
    },
  );
}
