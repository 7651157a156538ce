import { FEE_GROUNDS, REQUEST_STATUSES, REQUEST_TYPES } from '@pledge/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import type { ServiceDeps } from '../service-deps.js';
import { approveRequest, completeRequest, extendRequest, refuseRequest } from './decision-actions.js';
import { chargeFee, closeFeeUnpaid, recordFeePaid } from './fee-actions.js';
import { closeEvidenceMissing } from './evidence-actions.js';
import { intakeRoutes } from './intake-routes.js';
import { recordCustomerInstruction, routeToCustomer } from './processor-actions.js';
import { getRequest, listQueue } from './read-requests.js';
import { requestRecordHtml } from './request-record.js';
import { QueueOut, RequestViewOut } from './rights-schemas.js';
import { recordNotification, tickTask } from './task-actions.js';
import { addNote, answerClarification, askAuthority, askClarification, askIdentity, assignRequest, recordIdentity } from './work-actions.js';

const tags = ['rights requests'];
const Id = z.object({ id: z.string().max(64) });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Text = (max: number) => z.string().max(max);
/** Path parameters of an action route: the request id, and the task or notification id where the path has one. */
const paramsFor = (path: string) => {
  const extra = /:(\w+)/.exec(path)?.[1];
  return extra ? Id.extend({ [extra]: z.string().max(64) }) : Id;
};

const ActionResult = z.object({ id: z.string(), status: z.enum(REQUEST_STATUSES), dueDate: z.string().nullable() });

/** The staff API for rights requests: the queue, one request with its timeline, and one route per action. */
export async function rightsRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  intakeRoutes(app, deps);
  r.get(
    '/api/rights/requests',
    {
      config: { access: 'rights:read' },
      schema: {
        tags,
        summary: 'The queue: requests in due order (soonest first), filtered, a page at a time, with counts over all open requests',
        querystring: z.object({
          status: z.union([z.enum(['open', 'closed', 'all']), z.enum(REQUEST_STATUSES)]).optional().describe('open (default), closed, all, or one status'),
          type: z.enum(REQUEST_TYPES).optional(),
          assignee: z.string().max(64).optional().describe('"none" for unassigned, "me", or a user id'),
          due: z
            .enum(['overdue', 'due_soon', 'paused', 'customer_due_soon', 'customer_overdue'])
            .optional()
            .describe("due_soon: within the reminder window (PLEDGE_RIGHTS_REMINDER_DAYS); customer_*: processor mode, a customer's instruction not yet carried out, due within the window or past its day"),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          after: z.string().max(200).optional().describe('The `next` cursor of the previous page'),
        }),
        response: { 200: QueueOut },
      },
    },
    async (req) => {
      const q = req.query;
      const assignee = q.assignee === 'me' ? (req.principal.kind === 'user' ? req.principal.userId : 'none') : q.assignee;
      return listQueue(deps, { ...q, ...(assignee !== undefined ? { assignee } : {}) } as Parameters<typeof listQueue>[1]);
    },
  );
  r.get(
    '/api/rights/requests/:id',
    {
      config: { access: 'rights:read' },
      schema: { tags, summary: 'One request: the person, the clock explained, tasks, recipients to tell (Art 19), the full timeline, linked requests and repeats (Art 12(5))', params: Id, response: { 200: RequestViewOut } },
    },
    async (req) => getRequest(deps, req.params.id),
  );
  r.get(
    '/api/rights/requests/:id/record',
    {
      config: { access: 'rights:read' },
      schema: {
        tags,
        summary: 'A printable record of one request for the regulator (HTML): dates, the clock with pauses and extension, actions, reply',
        params: Id,
        produces: ['text/html'],
        response: { 200: z.string().describe('The record as an HTML page (text/html)') },
      },
    },
    async (req, reply) => reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(requestRecordHtml(await getRequest(deps, req.params.id), deps.clock.now())),
  );

  const action = <B extends z.ZodType>(path: string, access: 'rights:work' | 'rights:approve', summary: string, body: B, run: (id: string, body: z.output<B>, req: FastifyRequest) => Promise<{ row: { id: string; status: string; due_date: string | null } }>) =>
    r.post(
      `/api/rights/requests/:id/${path}`,
      { config: { access }, schema: { tags, summary, params: paramsFor(path), body, response: { 200: ActionResult } } },
      async (req) => {
        const { row } = await run((req.params as { id: string }).id, req.body as z.output<B>, req);
        return { id: row.id, status: row.status as (typeof REQUEST_STATUSES)[number], dueDate: row.due_date };
      },
    );

  action('assign', 'rights:work', 'Assign to a staff user who can work requests (null: unassign)', z.object({ assigneeId: z.string().max(64).nullable() }).strict(), (id, b, req) => assignRequest(deps, id, actorFromRequest(req), b.assigneeId));
  action('notes', 'rights:work', 'Add a note to the timeline (staff only)', z.object({ text: Text(20_000) }).strict(), (id, b, req) => addNote(deps, id, actorFromRequest(req), b.text));
  action('clarification', 'rights:work', 'Ask the person for clarification: the clock stops until the answer (Art 12A); the person is emailed a link to answer', z.object({ question: Text(20_000) }).strict(), (id, b, req) =>
    askClarification(deps, id, actorFromRequest(req), b.question),
  );
  action('clarification/answer', 'rights:work', "Record the person's answer received another way: the clock resumes", z.object({ answer: Text(20_000) }).strict(), (id, b, req) => answerClarification(deps, id, actorFromRequest(req), b.answer));
  action('identity/request', 'rights:work', 'Ask for proof of identity (Art 12(6)): the period starts when it arrives', z.object({ message: Text(20_000) }).strict(), (id, b, req) => askIdentity(deps, id, actorFromRequest(req), b.message));
  action(
    'identity/received',
    'rights:work',
    'Record proof of identity or of authority received: the relevant time moves to that day (Art 12A)',
    z.object({ evidence: Text(20_000), receivedOn: IsoDate.optional(), kind: z.enum(['identity_received', 'authority_received']).optional() }).strict(),
    (id, b, req) => recordIdentity(deps, id, actorFromRequest(req), b),
  );
  action(
    'authority/received',
    'rights:work',
    'Record evidence of authority to act for the person received: the relevant time moves to the day it arrived (Art 12A), when it was asked for',
    z.object({ evidence: Text(20_000), receivedOn: IsoDate.optional() }).strict(),
    (id, b, req) => recordIdentity(deps, id, actorFromRequest(req), { ...b, kind: 'authority_received' }),
  );
  action('extend', 'rights:work', 'Extend by two months (Art 12(3)); reason required; the person is told with the reasons; refused after the first month', z.object({ reason: Text(5000) }).strict(), (id, b, req) =>
    extendRequest(deps, id, actorFromRequest(req), b.reason),
  );
  action(
    'refuse',
    'rights:approve',
    'Refuse a manifestly unfounded or excessive request (Art 12(5)(b)); justification required; the person is told of the right to complain to the ICO and to a court (Art 12(4))',
    z.object({ ground: z.enum(['manifestly_unfounded', 'manifestly_excessive']), justification: Text(10_000) }).strict(),
    (id, b, req) => refuseRequest(deps, id, actorFromRequest(req), b),
  );
  action(
    'fee',
    'rights:approve',
    'Ask a reasonable fee: for a manifestly unfounded or excessive request (Art 12(5)(a)), or for further copies on an access request (Art 15(3)); justification required; the person is emailed the amount, the ground, how to pay and the right to complain; the period runs from payment (Art 12A)',
    z
      .object({
        ground: z.enum(FEE_GROUNDS).describe('manifestly_unfounded or excessive (Art 12(5)(a)), or further_copies (Art 15(3), access requests)'),
        amountPence: z.number().int().min(1).max(10_000_00),
        justification: Text(10_000),
        instructions: Text(5000).optional().describe('How to pay; default PLEDGE_RIGHTS_FEE_INSTRUCTIONS'),
      })
      .strict(),
    (id, b, req) => chargeFee(deps, id, actorFromRequest(req), b),
  );
  action('fee/paid', 'rights:work', 'Record the fee as paid (not before it was asked, not in the future): the period runs from that day (Art 12A); the person is emailed the new due date', z.object({ paidOn: IsoDate.optional() }).strict(), (id, b, req) =>
    recordFeePaid(deps, id, actorFromRequest(req), b.paidOn),
  );
  // Closing without acting is a refusal in effect: it needs the approval permission, as refusing does.
  action('fee/unpaid', 'rights:approve', 'Close a request whose fee was not paid, without acting on it (Art 12(5)(a)); recorded as refused with the reason fee_not_paid; the person is told. A privacy officer\'s decision, as a refusal is', z.object({ note: Text(5000).optional() }).strict(), (id, b, req) =>
    closeFeeUnpaid(deps, id, actorFromRequest(req), b.note),
  );
  action(
    'evidence/not-provided',
    'rights:approve',
    'Close a request awaiting proof of identity (Art 12(6)) or evidence of authority (Art 12A) that never came, without acting on it; recorded as refused with the reason identity_not_provided or authority_not_provided; the person is told they may ask again and may complain to the ICO. A privacy officer\'s decision, as a refusal is',
    z.object({ note: Text(5000).optional() }).strict(),
    (id, b, req) => closeEvidenceMissing(deps, id, actorFromRequest(req), b.note),
  );
  action(
    'authority/request',
    'rights:work',
    'Ask someone acting for the person (solicitor, parent, attorney) for evidence of their authority: the period starts when it arrives (Art 12A); they are emailed and can upload it on the status page',
    z.object({ message: Text(20_000) }).strict(),
    (id, b, req) => askAuthority(deps, id, actorFromRequest(req), b.message),
  );
  action('approve', 'rights:approve', 'Approve the request (a privacy officer; required before an erasure is completed)', z.object({ note: Text(5000).optional() }).strict(), (id, b, req) => approveRequest(deps, id, actorFromRequest(req), b.note));
  action(
    'tasks/:taskId',
    'rights:work',
    "Tick off one system's task with the evidence (done, or not applicable); for a rectification, erasure or restriction, the recipients of the systems touched are added to those to tell (Art 19)",
    z
      .object({
        status: z.enum(['done', 'not_applicable']),
        evidence: Text(20_000),
        touched: z
          .array(z.string().min(1).max(64))
          .max(100)
          .optional()
          .describe('Rectification, erasure, restriction: the declaration ids (data categories, purposes, recipients, processor activities) changed in this system; their recipients are added to those to tell (Art 19). Default: the recipient a "recipient:<id>" task is about.'),
      })
      .strict(),
    (id, b, req) => tickTask(deps, id, actorFromRequest(req), { ...b, taskId: (req.params as { taskId: string }).taskId }),
  );
  action(
    'notifications/:notificationId',
    'rights:work',
    'Record a recipient as told of the rectification, erasure or restriction (Art 19), or why that was impossible',
    z.object({ status: z.enum(['notified', 'not_possible']), evidence: Text(20_000) }).strict(),
    (id, b, req) => recordNotification(deps, id, actorFromRequest(req), { ...b, notificationId: (req.params as { notificationId: string }).notificationId }),
  );
  action(
    'route-to-customer',
    'rights:work',
    "Processor mode: pass the request to the customer (the controller) for instructions; the person is told",
    z.object({ customerEmail: z.string().max(254).optional(), customerName: Text(300).optional(), message: Text(10_000).optional() }).strict(),
    (id, b, req) => routeToCustomer(deps, id, actorFromRequest(req), b),
  );
  action(
    'customer-instruction',
    'rights:work',
    "Processor mode: record the customer's instruction; the declared period for carrying it out runs from its receipt",
    z.object({ instruction: Text(20_000), receivedOn: IsoDate.optional() }).strict(),
    (id, b, req) => recordCustomerInstruction(deps, id, actorFromRequest(req), b),
  );
  action(
    'complete',
    'rights:work',
    'Complete with the reply to the person (emailed); refused while a task is open, and for an erasure until approved',
    z.object({ reply: Text(100_000), attachmentIds: z.array(z.string().max(64)).max(50).optional() }).strict(),
    (id, b, req) => completeRequest(deps, id, actorFromRequest(req), b),
  );
}
