import { REQUEST_STATUSES, REQUEST_TYPES } from '@pledge/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import type { ServiceDeps } from '../service-deps.js';
import { INTAKE_CHANNELS, intakeRequest } from './intake-request.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** POST /api/rights/requests: a request received by email, letter, phone or in person, entered by staff. */
export const IntakeBody = z
  .object({
    channel: z.enum(INTAKE_CHANNELS).describe('How the request arrived (the web form comes through the privacy centre)'),
    receivedOn: Day.describe('The day it arrived: day 0 of the period (Art 12(3)), not the day it is entered; not in the future'),
    type: z.enum(REQUEST_TYPES).describe('What the person asks for; "other" when unclear (staff classify later)'),
    name: z.string().max(200).describe("The person's name as they gave it"),
    email: z.string().max(254).optional().describe('Required by email; optional by letter, phone or in person (then give contact)'),
    contact: z.string().max(2000).optional().describe('A postal address or a phone note, when there is no email address (stored encrypted)'),
    details: z.string().max(20_000).optional().describe("The person's own words (or a note of what they said)"),
    identityVerified: z.boolean().describe('Whether staff are already satisfied who the person is; if not, ask for proof where there is reasonable doubt (Art 12(6))'),
    identityNote: z.string().max(2000).optional().describe('How identity was checked, or why there is doubt (kept encrypted on the timeline)'),
    directMarketing: z.boolean().optional().describe('An objection covering direct marketing: it takes effect at once (Art 21(3))'),
    processorActivity: z.string().max(64).optional().describe('Processor mode: the declared processor activity the data is held under'),
    customerName: z.string().max(300).optional(),
    onBehalfOf: z
      .object({
        name: z.string().max(200).describe('The name of the person the request is about'),
        relationship: z.string().max(200).describe("The requester's relationship to them (solicitor, parent, attorney...)"),
        authorityVerified: z.boolean().optional().describe('The evidence of authority came with the request; otherwise the request waits for it (Art 12A)'),
      })
      .strict()
      .optional()
      .describe('Someone acts for the person (ICO: requests made on behalf of others)'),
  })
  .strict();

export const IntakeOut = z.object({
  id: z.string(),
  ref: z.string().describe('The reference the person is given, e.g. R-12'),
  status: z.enum(REQUEST_STATUSES).describe('received, or awaiting_authority when someone acts for the person without evidence yet'),
  receivedOn: Day,
  dueDate: Day.nullable().describe('Counted from receivedOn; null while authority is awaited'),
  acknowledged: z.enum(['email', 'post']).describe('email: the acknowledgement was emailed; post: it is on the timeline for staff to send'),
});

export function intakeRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/rights/requests',
    {
      config: { access: 'rights:work' },
      schema: {
        tags: ['rights requests'],
        summary: "Log a request received by email, letter, phone or in person: day 0 is the day it arrived; tasks, Art 19 recipients, a marketing objection's suppression and the acknowledgement as for the web form",
        body: IntakeBody,
        response: { 201: IntakeOut },
      },
    },
    async (req, reply) => reply.code(201).send(await intakeRequest(deps, req.body, actorFromRequest(req))),
  );
}
