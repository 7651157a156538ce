import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.js';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { receiptsToCsv } from './export-receipts.js';
import { linkDevice } from './link-device.js';
import { consentState, periodHistory, personHistory, type PersonQuery, type ReceiptView } from './read-consent.js';
import { MAX_BATCH, PersonQuerySchema, ReceiptBody, RecordResultSchema } from './receipt-schemas.js';
import { recordReceipts, type ReceiptInput } from './record-receipts.js';
import { unsubscribeHeaders } from './unsubscribe-token.js';

const TargetView = z.object({
  key: z.string(),
  kind: z.enum(['purpose', 'cookie']),
  name: z.string(),
  mode: z.enum(['opt_in', 'opt_out', 'object']).describe('opt_in: consent (allowed once granted); opt_out: on until refused (marketing on legitimate interests: refusing is an absolute objection); object: legitimate interests or public task, on until the person objects (Art 21(1): "refused" is the objection)'),
  directMarketing: z.boolean(),
  follows: z.array(z.string()).optional().describe('For a purpose consented to through the cookie banner: the cookie categories it follows (granted when all are, refused when any is).'),
  state: z.enum(['granted', 'refused']).nullable(),
  at: z.string().nullable(),
  receiptId: z.string().nullable(),
  method: z.string().nullable(),
  allowed: z.boolean(),
});
const StateResponse = z.object({
  publishedVersion: z.number().nullable(),
  targets: z.array(TargetView),
  allowed: z.record(z.string(), z.boolean()),
  retired: z.record(z.string(), z.object({ state: z.enum(['granted', 'refused']), at: z.string(), receiptId: z.string(), method: z.string() })),
  suppressed: z.array(z.object({ scope: z.string(), reason: z.string() })),
});
const ReceiptViewSchema = z.object({
  receiptId: z.string(),
  sequence: z.string(),
  recordedAt: z.string(),
  givenAt: z.string(),
  person: z.object({ subjectId: z.string().nullable(), email: z.string().nullable(), emailHash: z.string().nullable(), deviceId: z.string().nullable() }),
  choices: z.record(z.string(), z.enum(['granted', 'refused'])),
  method: z.string(),
  declarationVersion: z.string().nullable(),
  publishedVersion: z.number().nullable(),
  page: z.string().nullable(),
  userAgent: z.string().nullable(),
  ipTruncated: z.string().nullable(),
  age: z.number().nullable(),
  parentalConsent: z.object({ method: z.string(), reference: z.string() }).nullable(),
  idempotencyKey: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  requestId: z.string().nullable(),
});

const personOf = (q: z.infer<typeof PersonQuerySchema>): PersonQuery | undefined => {
  const p: PersonQuery = {};
  if (q.subjectId !== undefined) p.subjectId = q.subjectId;
  if (q.email !== undefined) p.email = q.email;
  if (q.emailHash !== undefined) p.emailHash = q.emailHash.toLowerCase();
  if (q.deviceId !== undefined) p.deviceId = q.deviceId;
  return Object.keys(p).length ? p : undefined;
};

/** Staff and system API of the consent ledger: record (one or a batch), current state, history and export, device links, unsubscribe headers. */
export async function consentRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/consent/receipts',
    {
      config: { access: 'consent:write' },
      schema: {
        tags: ['consent'],
        summary: 'Record a consent receipt (a withdrawal is a receipt too); unknown purposes are refused by name; idempotent with idempotencyKey',
        body: ReceiptBody,
        response: { 201: RecordResultSchema, 200: RecordResultSchema },
      },
    },
    async (req, reply) => {
      const [result] = await recordReceipts(deps, [req.body as ReceiptInput], { actor: actorFromRequest(req) });
      if (result!.status === 'conflict') throw new PledgeError('conflict', 'This idempotency key was already used for a different receipt: use a new key for a new receipt.', { idempotencyKey: result!.idempotencyKey });
      return reply.status(result!.status === 'recorded' ? 201 : 200).send(result!);
    },
  );
  r.post(
    '/api/consent/receipts/batch',
    {
      config: { access: 'consent:write' },
      schema: {
        tags: ['consent'],
        summary: `Record up to ${MAX_BATCH} receipts at once, all or none (imports, queues); each result says recorded, duplicate or conflict`,
        body: z.object({ receipts: z.array(ReceiptBody).min(1).max(MAX_BATCH) }).strict(),
        response: { 200: z.object({ results: z.array(RecordResultSchema) }) },
      },
    },
    async (req) => ({ results: await recordReceipts(deps, req.body.receipts as ReceiptInput[], { actor: actorFromRequest(req) }) }),
  );
  r.get(
    '/api/consent/state',
    {
      config: { access: 'consent:read' },
      schema: {
        tags: ['consent'],
        summary: "A person's current choice and permission per purpose and cookie category (latest receipt by recorded time, then sequence)",
        querystring: PersonQuerySchema,
        response: { 200: StateResponse },
      },
    },
    async (req) => {
      const person = personOf(req.query);
      if (!person) throw new PledgeError('invalid_input', 'Name one person: subjectId, email, emailHash or deviceId.', { field: 'person' });
      return consentState(deps, person);
    },
  );
  r.get(
    '/api/consent/history',
    {
      config: { access: 'consent:read' },
      schema: {
        tags: ['consent'],
        summary: "The receipts of a person (all, as proof) or of a period (in pages), as JSON or CSV; exports are audited",
        querystring: PersonQuerySchema.extend({
          since: z.iso.datetime({ offset: true }).optional(),
          until: z.iso.datetime({ offset: true }).optional(),
          after: z
            .string()
            .regex(/^\d{1,19}$/)
            // The store's sequence is a bigint: a larger number would fail in the database (a 500), not as the caller's mistake.
            // zod runs a refinement even after the regex failed, so it must not assume digits (BigInt("x") throws).
            .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= 9223372036854775807n, 'a sequence from an earlier page (at most 9223372036854775807)')
            .optional().describe('Period pages: the sequence of the last receipt seen.'),
          limit: z.coerce.number().int().min(1).max(10_000).default(1000),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: z.object({ receipts: z.array(ReceiptViewSchema), next: z.string().nullable() }) },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const person = personOf(q);
      if (!person && !q.since && !q.until) throw new PledgeError('invalid_input', 'Ask for one person (subjectId, email, emailHash or deviceId) or a period (since and/or until).', { field: 'person' });
      const period = { since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined };
      let receipts: ReceiptView[];
      let next: string | null = null;
      if (person) {
        receipts = await personHistory(deps, person);
      } else if (q.format === 'csv') {
        receipts = [];
        let after: string | undefined = q.after;
        for (;;) {
          const page = await periodHistory(deps, { ...period, after, limit: 1000 });
          receipts.push(...page);
          if (page.length < 1000) break;
          after = page[page.length - 1]!.sequence;
        }
      } else {
        receipts = await periodHistory(deps, { ...period, after: q.after, limit: q.limit });
        next = receipts.length === q.limit ? receipts[receipts.length - 1]!.sequence : null;
      }
      await deps.store.db.transaction().execute((trx) =>
        appendAudit(trx, deps.clock, {
          actor: actorFromRequest(req),
          action: 'consent.exported',
          ...(person?.subjectId ? { subject: { type: 'consent_subject', id: person.subjectId } } : {}),
          details: { format: q.format, count: receipts.length, by: person ? Object.keys(person)[0] : 'period', since: q.since ?? null, until: q.until ?? null },
        }),
      );
      if (q.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="consent-receipts.csv"')
          .header('cache-control', 'no-store')
          .send(receiptsToCsv(receipts, true) as never);
      }
      return reply.header('cache-control', 'no-store').send({ receipts, next });
    },
  );
  r.post(
    '/api/consent/links',
    {
      config: { access: 'consent:write' },
      schema: {
        tags: ['consent'],
        summary: "Link a banner device id to a known subject (e.g. at sign-in): the subject's state then includes the device's choices",
        body: z.object({ deviceId: PersonQuerySchema.shape.deviceId.unwrap(), subjectId: z.string().min(1).max(200) }).strict(),
        response: { 200: z.object({ linked: z.boolean() }) },
      },
    },
    async (req) => deps.store.db.transaction().execute((trx) => linkDevice(trx, deps, { ...req.body, actor: actorFromRequest(req) })),
  );
  r.post(
    '/api/consent/unsubscribe-headers',
    {
      config: { access: 'consent:write' },
      schema: {
        tags: ['consent'],
        summary: 'List-Unsubscribe and List-Unsubscribe-Post headers (RFC 8058 one-click) for a message to this address about this purpose',
        body: z.object({ email: z.string().min(3).max(254), purpose: z.string().min(1).max(100).optional() }).strict(),
        response: { 200: z.object({ headers: z.object({ 'List-Unsubscribe': z.string(), 'List-Unsubscribe-Post': z.literal('List-Unsubscribe=One-Click') }), url: z.string() }) },
      },
    },
    async (req) => {
      const { url, ...headers } = unsubscribeHeaders(deps, req.body);
      return { headers, url };
    },
  );
}
