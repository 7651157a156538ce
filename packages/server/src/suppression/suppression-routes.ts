import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.js';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { emailHashOf, hashEmail } from './email-hash.js';
import { checkSuppressed } from './is-suppressed.js';
import { liftSuppression } from './lift-suppression.js';
import { listSuppressions } from './list-suppressions.js';
import { suppressEmail } from './suppress-email.js';
import { SUPPRESSION_REASONS } from './suppression-table.js';

/** Most addresses or hashes one check may carry. */
export const MAX_CHECK = 1000;

const Hash = z.string().regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the normalised address: 64 hexadecimal characters');
const Scope = z.string().min(1).max(100).regex(/^(\*|[a-z][a-z0-9_]*)$/, '"*" (all marketing) or a purpose id');
const Entry = z.object({
  emailHash: z.string(),
  scope: z.string(),
  reason: z.enum(SUPPRESSION_REASONS),
  source: z.string(),
  createdAt: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
});
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional().describe('nextCursor from the previous page.'),
  since: z.iso.datetime({ offset: true }).optional().describe('Entries added at or after this time.'),
  until: z.iso.datetime({ offset: true }).optional().describe('Entries added before this time.'),
  reason: z.enum(SUPPRESSION_REASONS).optional(),
});

/**
 * The marketing suppression list for systems and staff: add an address, check a batch before sending, list and
 * export (hashes only: the list never holds addresses), lift an entry that is not an objection.
 */
export async function suppressionRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/consent/suppressions',
    {
      config: { access: 'consent:write' },
      schema: {
        tags: ['consent'],
        summary: 'Put an address on the marketing suppression list (idempotent); an objection is absolute and covers all marketing',
        body: z
          .object({
            email: z.string().max(254).optional(),
            emailHash: Hash.optional(),
            reason: z.enum(SUPPRESSION_REASONS),
            scope: Scope.optional().describe('A purpose id, or "*" for all direct marketing (default; always "*" for an objection).'),
            source: z.string().min(1).max(100).default('api'),
          })
          .strict()
          .refine((b) => (b.email === undefined) !== (b.emailHash === undefined), 'give either email or emailHash'),
        response: { 200: z.object({ emailHash: z.string(), scope: z.string(), reason: z.enum(SUPPRESSION_REASONS), added: z.boolean() }) },
      },
    },
    async (req) => {
      const b = req.body;
      return deps.store.db.transaction().execute((trx) =>
        suppressEmail(trx, deps, {
          ...(b.email !== undefined ? { email: b.email } : { emailHash: b.emailHash! }),
          reason: b.reason,
          source: b.source,
          actor: actorFromRequest(req),
          ...(b.scope ? { scope: b.scope } : {}),
        }),
      );
    },
  );
  r.post(
    '/api/consent/suppressions/check',
    {
      config: { access: 'consent:read' },
      schema: {
        tags: ['consent'],
        summary: `Check up to ${MAX_CHECK} addresses or hashes before sending marketing: which are suppressed, and why`,
        body: z
          .object({
            emails: z.array(z.string().max(254)).max(MAX_CHECK).optional(),
            hashes: z.array(Hash).max(MAX_CHECK).optional(),
            purpose: Scope.optional().describe('The marketing purpose about to be sent; without it any entry counts.'),
          })
          .strict(),
        response: {
          200: z.object({
            results: z.array(
              z.object({
                input: z.string().describe('The address or hash as sent.'),
                emailHash: z.string(),
                suppressed: z.boolean(),
                entries: z.array(z.object({ reason: z.enum(SUPPRESSION_REASONS), scope: z.string(), since: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const emails = req.body.emails ?? [];
      const hashes = req.body.hashes ?? [];
      if (emails.length + hashes.length === 0) throw new PledgeError('invalid_input', 'Send "emails" or "hashes" (or both) to check.', { field: 'emails' });
      if (emails.length + hashes.length > MAX_CHECK) throw new PledgeError('payload_too_large', `Check at most ${MAX_CHECK} addresses and hashes per request; split the list.`, { max: MAX_CHECK });
      const inputs = [
        ...emails.map((e, i) => {
          try {
            return { input: e, hash: hashEmail(e) };
          } catch {
            throw new PledgeError('invalid_input', `emails[${i}] ("${e.slice(0, 80)}") is not an email address.`, { field: `emails.${i}` });
          }
        }),
        ...hashes.map((h) => ({ input: h, hash: emailHashOf({ emailHash: h }) })),
      ];
      const found = await checkSuppressed(deps.store.db, inputs.map((i) => i.hash), req.body.purpose);
      return { results: inputs.map((i) => ({ input: i.input, ...found.get(i.hash)! })) };
    },
  );
  r.get(
    '/api/consent/suppressions',
    {
      config: { access: 'consent:read' },
      schema: { tags: ['consent'], summary: 'The suppression list (hashes only), oldest first, in pages', querystring: ListQuery, response: { 200: z.object({ entries: z.array(Entry), nextCursor: z.string().nullable() }) } },
    },
    async (req) => {
      const q = req.query;
      return listSuppressions(deps.store.db, { limit: q.limit, cursor: q.cursor, since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined, reason: q.reason });
    },
  );
  r.get(
    '/api/consent/suppressions.csv',
    {
      config: { access: 'consent:read' },
      schema: { tags: ['consent'], summary: 'Export the suppression list (or the entries of a period) as CSV; audited', querystring: ListQuery.omit({ limit: true, cursor: true }) },
    },
    async (req, reply) => {
      const q = req.query;
      const lines = [stringify([['email_sha256', 'scope', 'reason', 'source', 'created_at', 'actor_type', 'actor_id']])];
      let cursor: string | undefined;
      let count = 0;
      do {
        const page = await listSuppressions(deps.store.db, { limit: 1000, cursor, since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined, reason: q.reason });
        lines.push(stringify(page.entries.map((e) => [e.emailHash, e.scope, e.reason, e.source, e.createdAt, e.actor.type, e.actor.id ?? ''])));
        count += page.entries.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      await deps.store.db.transaction().execute((trx) =>
        appendAudit(trx, deps.clock, { actor: actorFromRequest(req), action: 'suppression.exported', details: { count, since: q.since ?? null, until: q.until ?? null, reason: q.reason ?? null } }),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="suppressions.csv"')
        .header('cache-control', 'no-store')
        .send(lines.join(''));
    },
  );
  r.delete(
    '/api/consent/suppressions/:emailHash',
    {
      config: { access: 'consent:write' },
      schema: {
        tags: ['consent'],
        summary: 'Lift one unsubscribe, withdrawal or manual entry (never an objection: Art 21(3))',
        params: z.object({ emailHash: Hash }),
        querystring: z.object({ scope: Scope.default('*'), reason: z.enum(SUPPRESSION_REASONS), note: z.string().max(500).optional() }),
        response: { 200: z.object({ removed: z.boolean() }) },
      },
    },
    async (req) => {
      const removed = await deps.store.db.transaction().execute((trx) =>
        liftSuppression(trx, deps, {
          emailHash: req.params.emailHash.toLowerCase(),
          scope: req.query.scope,
          reason: req.query.reason,
          actor: actorFromRequest(req),
          ...(req.query.note ? { note: req.query.note } : {}),
        }),
      );
      return { removed };
    },
  );
}
