import { REQUEST_STATUSES, REQUEST_TYPES } from '@pledge/core';
import { z } from 'zod';
import { IntakeViewOut } from './intake-view.js';

/**
 * Response schemas of the staff rights API (they generate the OpenAPI document, and strip anything not declared, so a
 * field added to the view in read-requests.ts must be added here too).
 */

const Status = z.enum(REQUEST_STATUSES);
const Type = z.enum(REQUEST_TYPES);
const Day = z.string().describe('A calendar date, YYYY-MM-DD (Europe/London)');
const Instant = z.string().describe('An instant, ISO 8601 UTC');

export const QueueItemOut = z.object({
  id: z.string(),
  ref: z.string().describe('The reference the person is given, e.g. R-12'),
  type: Type,
  status: Status,
  receivedOn: Day.nullable(),
  dueDate: Day.nullable().describe('Null while the clock is stopped or has not started'),
  deadline: Instant.nullable().describe('The end of the due day in London'),
  dueApplied: z.string().nullable().describe('statutory, or promise (a shorter period the privacy notice promises)'),
  pausedSince: Day.nullable(),
  extended: z.boolean(),
  assigneeId: z.string().nullable(),
  overdue: z.boolean(),
  processorActivity: z.string().nullable().describe('Processor mode: the declared activity the data is held for'),
  customerDueDate: Day.nullable().describe("Processor mode: the customer's instruction is to be carried out by this day (while its task is open)"),
  linkedCount: z.number().int().describe('Other requests from the same person: the same address, or linked by hand'),
  repeatsInLast12Months: z.number().int().describe('Of those, the ones made in the 12 months before this one (Art 12(5): repetitive requests may be manifestly excessive)'),
});

export const QueueCountsOut = z.object({
  open: z.number(),
  overdue: z.number(),
  dueSoon: z.number(),
  paused: z.number(),
  unassigned: z.number(),
  byStatus: z.record(z.string(), z.number()),
  customerDueSoon: z.number().describe("Processor mode: customers' instructions not yet carried out, due within the reminder window"),
  customerOverdue: z.number().describe("Processor mode: customers' instructions not carried out by the promised day"),
});

export const QueueOut = z
  .object({ items: z.array(QueueItemOut), next: z.string().nullable(), counts: QueueCountsOut })
  .describe('A page of the queue in due order, the cursor of the next page (null on the last), and counts over all open requests');

const Actor = z.object({ type: z.string(), id: z.string().nullable() });

/** One request as staff see it: GET /api/rights/requests/:id. */
export const RequestViewOut = QueueItemOut.extend(IntakeViewOut.shape).extend({
  statusWords: z.string(),
  title: z.string(),
  article: z.string(),
  createdAt: Instant,
  receivedAt: Instant.nullable(),
  relevantTime: Day.nullable().describe('Day 0 of the period now: the latest of receipt and identity, authority or fee arrivals (Art 12A)'),
  pausedDays: z.number().int(),
  email: z.string().nullable().describe('The person\'s address (decrypted); null for a request taken by letter or phone without one'),
  name: z.string().nullable(),
  details: z.string().nullable().describe("The person's own words"),
  directMarketing: z.boolean(),
  declarationVersion: z.number().int().nullable(),
  customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), dueDate: Day.nullable() }).nullable().describe('Processor mode: the customer (the controller) and when its instruction is due'),
  approvedAt: Instant.nullable(),
  approvedBy: z.string().nullable(),
  completedAt: Instant.nullable(),
  reply: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  clock: z.object({
    state: z
      .object({
        receivedOn: Day,
        relevantTimeEvents: z.array(z.object({ kind: z.string(), date: Day })).readonly().describe('Identity, authority and fee arrivals (Art 12(6), 12A, 12(5))'),
        pauses: z.array(z.object({ askedOn: Day, answeredOn: Day.optional() })).readonly().describe('Clarifications: the clock stops from the ask to the answer (Art 12A)'),
        extension: z.object({ on: Day, reason: z.string() }).nullable(),
        waitingFor: z.string().nullable().describe('identity, authority or fee: the period has not started'),
      })
      .describe("The clock's inputs (dates only)"),
    settings: z
      .object({ region: z.string(), method: z.string(), pauseCounting: z.string(), stored: z.boolean().describe('false: a request stored before its settings were kept; the current ones are shown') })
      .describe('The clock settings the due date was computed with, kept with the request'),
    status: z.string().describe('due, paused (clarification asked), waiting (for identity, authority or a fee), or unavailable (the clock cannot be recomputed; the stored due date stands)'),
    steps: z.array(z.string()).describe('How the due date was computed, step by step'),
    holidayYearsByRule: z.array(z.number().int()).describe('Years whose bank holidays were computed by rule (provisional until the published list is loaded: PLEDGE_HOLIDAYS_FILE)'),
    warnings: z.array(z.string()),
    citations: z.array(z.string()),
    statutoryDueDate: Day.nullable(),
    promiseDueDate: Day.nullable(),
    extensionNoticeDeadline: Day.nullable(),
    canExtend: z.object({ allowed: z.boolean(), reason: z.string(), noticeDeadline: Day.optional(), citation: z.string() }),
  }),
  tasks: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      system: z.string(),
      action: z.string(),
      status: z.string(),
      dueDate: Day.nullable(),
      evidence: z.string().nullable(),
      tickedBy: z.string().nullable(),
      tickedAt: Instant.nullable(),
    }),
  ),
  notifications: z.array(
    z.object({
      id: z.string(),
      recipientId: z.string(),
      recipientName: z.string(),
      status: z.string(),
      via: z.array(z.string()).nullable().describe('The systems or categories that led to this recipient (Art 19 by system); null when listed by the request type'),
      category: z.boolean(),
      evidence: z.string().nullable(),
      doneBy: z.string().nullable(),
      doneAt: Instant.nullable(),
    }),
  ),
  timeline: z.array(z.object({ at: Instant, actor: Actor, kind: z.string(), summary: z.string(), text: z.string().nullable(), data: z.unknown() })),
  linked: z
    .array(
      z.object({
        id: z.string(),
        ref: z.string(),
        type: Type,
        status: Status,
        receivedOn: Day.nullable(),
        createdAt: Instant,
        how: z.enum(['same_address', 'by_hand']),
        linkedAt: Instant.nullable(),
        linkedBy: z.string().nullable(),
      }),
    )
    .describe('Requests from the same person: the same address (by its hash), or linked by hand by staff (newest first, at most 100 of each)'),
}).describe('The request with everything staff need to work it');

export const LinkOut = z.object({ id: z.string(), otherId: z.string(), linked: z.boolean() }).describe('The two requests and whether they are now linked');
