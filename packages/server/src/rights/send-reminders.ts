import { addDays, formatDate, REQUEST_TYPE_WORDS, OPEN_STATUSES, type RequestType } from '@pledge/core';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.js';
import { defineJob } from '../jobs/define-job.js';
import { queueMail } from '../mail/queue-mail.js';
import { recordEvent, type RightsDeps } from './apply-action.js';
import { requestRef } from './message-person.js';
import { unpaidFees } from './fee-actions.js';
import { awaitingEvidence } from './evidence-actions.js';
import { londonDate, organisationName, publicLink } from './rights-context.js';
import { rightsStaffTemplate } from './rights-mail-templates.js';
import { ROLE_PERMISSIONS, type Role } from '../auth/permissions.js';

/** Unconfirmed requests are kept this long, then deleted (data minimisation: the person never confirmed them). */
export const UNVERIFIED_KEEP_DAYS = 7;
const BATCH = 500;

type ReminderKind = 'due_soon' | 'overdue' | 'customer_due_soon' | 'customer_overdue' | 'chase_fee' | 'chase_identity' | 'chase_authority';

interface Candidate {
  id: string;
  number: string;
  type: string;
  assignee_id: string | null;
  processor_activity: string | null;
  /** The date reminded about: the request's due date, the day the customer's instruction is due by, or (chase_*) the day the person was asked. */
  date: string;
  kind: ReminderKind;
}

/** What each kind of reminder says: the subject, the first paragraph, the timeline entry's kind. */
function wording(kind: ReminderKind, ref: string, what: string, c: Candidate): { subject: string; lead: string; event: string } {
  const day = formatDate(c.date);
  switch (kind) {
    case 'overdue':
      return {
        subject: `OVERDUE: rights request ${ref} was due ${day}`,
        lead: `Rights request ${ref} (${what}) was due by the end of ${day} and is not closed. The law allows one month (UK GDPR Art 12(3)); reply, or record why not, now.`,
        event: 'escalated',
      };
    case 'due_soon':
      return { subject: `Due ${day}: rights request ${ref}`, lead: `Rights request ${ref} (${what}) is due by the end of ${day}.`, event: 'reminded' };
    case 'customer_overdue':
      return {
        subject: `OVERDUE: the customer's instruction on ${ref} was due ${day}`,
        lead: `The customer's instruction on rights request ${ref} (${what}, data we process for a customer: ${c.processor_activity}) was to be carried out by the end of ${day}, the period our declaration promises the customer, and its task is still open. Carry it out and tick the task with the evidence, or tell the customer why not (UK GDPR Art 28(3)(e)).`,
        event: 'customer_escalated',
      };
    case 'customer_due_soon':
      return {
        subject: `Due ${day}: the customer's instruction on ${ref}`,
        lead: `The customer's instruction on rights request ${ref} (${what}, data we process for a customer: ${c.processor_activity}) is to be carried out by the end of ${day}, the period our declaration promises the customer. Tick the task with the evidence when done.`,
        event: 'customer_reminded',
      };
    // Waiting for the person: no period runs, so nothing falls due; chase them or close the request.
    case 'chase_fee':
      return {
        subject: `Fee not paid since ${day}: rights request ${ref}`,
        lead: `The fee asked on ${day} for rights request ${ref} (${what}) has not been paid. The request waits (the period runs from payment, UK GDPR Art 12(5)(a), Art 12A): chase the person, record the fee as paid (POST .../fee/paid) if it came, or close the request as fee not paid (POST .../fee/unpaid); they are told and may ask again.`,
        event: 'chase_fee',
      };
    case 'chase_identity':
    case 'chase_authority': {
      const evidence = kind === 'chase_identity' ? 'Proof of identity (UK GDPR Art 12(6))' : 'Evidence of authority to act for the person (Art 12A)';
      return {
        subject: `${kind === 'chase_identity' ? 'Proof of identity' : 'Evidence of authority'} not received since ${day}: rights request ${ref}`,
        lead: `${evidence} was asked for on ${day} for rights request ${ref} (${what}) and has not been received. The request waits (the period starts when it arrives): chase the person, record it (POST .../${kind === 'chase_identity' ? 'identity' : 'authority'}/received) if it came, or close the request as not provided (POST .../evidence/not-provided; ICO: you need not act without it); they are told they may ask again and complain to the ICO.`,
        event: kind,
      };
    }
  }
}

/**
 * Reminds staff before requests fall due, and escalates those overdue (so the one-month limit of UK GDPR Art 12(3)
 * is not missed unnoticed). The assignee is reminded `rightsReminderDays` before the due date (the privacy officers
 * when nobody is assigned); an overdue request goes to the assignee and every privacy officer and owner.
 *
 * Processor mode: the same for a customer's instruction, by `customer_due_date`, the day the period the declaration
 * promises for acting on it ends (processor_activities[].deletion_on_instruction; the processor acts on the
 * controller's instructions and assists it with rights requests, Art 28(3)(a), (e)), while its task is open.
 *
 * Idempotent: each reminder is claimed in rights_reminders (request, kind, date) in the transaction that queues its
 * mail, so a run repeated after a crash, or two schedulers at once, never send it twice; a request whose date moves
 * (pause, extension, a later instruction) is reminded again for its new date. Also deletes requests left unconfirmed
 * for a week.
 *
 * Waiting for the person (no due date runs): a fee asked and not paid (Art 12(5)(a)), proof of identity (Art 12(6)) or
 * evidence of authority (Art 12A) asked and not received. `rightsChaseDays` after it was asked the assignee (or the
 * privacy officers) is reminded once per (request, kind, day asked) to chase the person or close the request.
 */
export async function sendRightsReminders(deps: RightsDeps): Promise<{ dueSoon: number; overdue: number; customerDueSoon: number; customerOverdue: number; chased: number; purged: number }> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const today = londonDate(now);
  const soon = addDays(today, deps.config.rightsReminderDays);
  const staff = await db.selectFrom('users').select(['id', 'email', 'role']).where('disabled_at', 'is', null).execute();
  const approvers = staff.filter((u) => ROLE_PERMISSIONS[u.role as Role]?.includes('rights:approve')).map((u) => u.email);
  const due = await db
    .selectFrom('rights_requests')
    .leftJoin('rights_reminders as s', (j) => j.onRef('s.request_id', '=', 'rights_requests.id').onRef('s.due_date', '=', 'rights_requests.due_date').on('s.kind', '=', 'due_soon'))
    .leftJoin('rights_reminders as o', (j) => j.onRef('o.request_id', '=', 'rights_requests.id').onRef('o.due_date', '=', 'rights_requests.due_date').on('o.kind', '=', 'overdue'))
    .select(['rights_requests.id', 'rights_requests.number', 'rights_requests.type', 'rights_requests.due_date', 'rights_requests.assignee_id', 'rights_requests.processor_activity'])
    .where('rights_requests.status', 'in', [...OPEN_STATUSES])
    .where('rights_requests.due_date', '<=', soon)
    .where((eb) => eb.or([eb.and([eb('rights_requests.due_date', '>=', today), eb('s.request_id', 'is', null)]), eb.and([eb('rights_requests.due_date', '<', today), eb('o.request_id', 'is', null)])]))
    .orderBy('rights_requests.due_date')
    .limit(BATCH)
    .execute();
  const customer = await db
    .selectFrom('rights_requests')
    .innerJoin('rights_tasks as t', (j) => j.onRef('t.request_id', '=', 'rights_requests.id').on('t.key', '=', 'customer-instruction').on('t.status', '=', 'open'))
    .leftJoin('rights_reminders as s', (j) => j.onRef('s.request_id', '=', 'rights_requests.id').onRef('s.due_date', '=', 'rights_requests.customer_due_date').on('s.kind', '=', 'customer_due_soon'))
    .leftJoin('rights_reminders as o', (j) => j.onRef('o.request_id', '=', 'rights_requests.id').onRef('o.due_date', '=', 'rights_requests.customer_due_date').on('o.kind', '=', 'customer_overdue'))
    .select(['rights_requests.id', 'rights_requests.number', 'rights_requests.type', 'rights_requests.customer_due_date', 'rights_requests.assignee_id', 'rights_requests.processor_activity'])
    .where('rights_requests.status', 'in', [...OPEN_STATUSES])
    .where('rights_requests.customer_due_date', '<=', soon)
    .where((eb) =>
      eb.or([eb.and([eb('rights_requests.customer_due_date', '>=', today), eb('s.request_id', 'is', null)]), eb.and([eb('rights_requests.customer_due_date', '<', today), eb('o.request_id', 'is', null)])]),
    )
    .orderBy('rights_requests.customer_due_date')
    .limit(BATCH)
    .execute();
  const askedBy = addDays(today, -deps.config.rightsChaseDays);
  const fees = await unpaidFees(deps, askedBy, 100_000);
  const feeRows = fees.length ? await db.selectFrom('rights_requests').select(['id', 'number', 'type']).where('id', 'in', fees.map((f) => f.id)).execute() : [];
  const waiting: Candidate[] = [
    ...fees.filter((f) => feeRows.some((r) => r.id === f.id)).map((f) => ({ ...feeRows.find((r) => r.id === f.id)!, assignee_id: f.assigneeId, processor_activity: null, date: f.askedOn, kind: 'chase_fee' as ReminderKind })),
    ...(await awaitingEvidence(deps, askedBy)).map((r) => ({ id: r.id, number: r.number, type: r.type, assignee_id: r.assigneeId, processor_activity: null, date: r.askedOn, kind: `chase_${r.evidence}` as ReminderKind })),
  ];
  const chased = waiting.length
    ? await db.selectFrom('rights_reminders').select(['request_id', 'kind', 'due_date']).where('request_id', 'in', waiting.map((w) => w.id)).where('kind', 'in', ['chase_fee', 'chase_identity', 'chase_authority']).execute()
    : [];
  const claimedChase = new Set(chased.map((c) => `${c.request_id}|${c.kind}|${c.due_date}`));
  const candidates: Candidate[] = [
    ...due.map((r) => ({ ...r, date: r.due_date!, kind: (r.due_date! < today ? 'overdue' : 'due_soon') as ReminderKind })),
    ...customer.map((r) => ({ ...r, date: r.customer_due_date!, kind: (r.customer_due_date! < today ? 'customer_overdue' : 'customer_due_soon') as ReminderKind })),
    ...waiting.filter((w) => !claimedChase.has(`${w.id}|${w.kind}|${w.date}`)).slice(0, BATCH),
  ];
  const counts = { dueSoon: 0, overdue: 0, customerDueSoon: 0, customerOverdue: 0, chased: 0 };
  for (const r of candidates) {
    const kind = r.kind;
    const escalate = kind === 'overdue' || kind === 'customer_overdue';
    const assignee = r.assignee_id ? staff.find((u) => u.id === r.assignee_id)?.email : undefined;
    const to = escalate ? [...new Set([...(assignee ? [assignee] : []), ...approvers])] : assignee ? [assignee] : approvers;
    const sent = await db.transaction().execute(async (trx) => {
      const claimed = await trx.insertInto('rights_reminders').values({ request_id: r.id, kind, due_date: r.date, sent_at: now }).onConflict((oc) => oc.doNothing()).returning('request_id').executeTakeFirst();
      if (!claimed) return false;
      const ref = requestRef(r);
      const what = REQUEST_TYPE_WORDS[r.type as RequestType].title.toLowerCase();
      const words = wording(kind, ref, what, r);
      for (const address of to) {
        await queueMail(trx, deps, {
          to: address,
          template: rightsStaffTemplate,
          vars: {
            subject: words.subject,
            paragraphs: [words.lead, r.assignee_id ? '' : 'Nobody is assigned to it.'].filter(Boolean),
            link: { url: publicLink(deps, `/api/rights/requests/${r.id}`), label: 'Open the request' },
          },
          actor: { type: 'system', id: 'rights.reminders' },
          organisationName: organisationName(deps, undefined),
        });
      }
      const about = kind.startsWith('customer_') ? "the customer's instruction" : kind === 'chase_fee' ? 'the unpaid fee' : kind === 'chase_identity' ? 'the proof of identity not received' : kind === 'chase_authority' ? 'the evidence of authority not received' : 'the request';
      await recordEvent(trx, deps, {
        requestId: r.id,
        actor: { type: 'system', id: 'rights.reminders' },
        kind: words.event,
        summary: escalate ? `Overdue (${about}): escalated to ${to.length} staff` : `Reminder about ${about} sent to ${assignee ? 'the assignee' : `${to.length} privacy officer${to.length === 1 ? '' : 's'}`}`,
        data: kind.startsWith('chase_') ? { askedOn: r.date, recipients: to.length } : { dueDate: r.date, recipients: to.length },
      });
      return true;
    });
    if (sent) counts[kind.startsWith('chase_') ? 'chased' : kind === 'overdue' ? 'overdue' : kind === 'due_soon' ? 'dueSoon' : kind === 'customer_overdue' ? 'customerOverdue' : 'customerDueSoon']++;
  }
  const purged = await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('rights_requests').where('status', '=', 'unverified').where('created_at', '<', new Date(now.getTime() - UNVERIFIED_KEEP_DAYS * 86_400_000)).returning('id').execute();
    if (gone.length) {
      await appendAudit(trx, deps.clock, { actor: { type: 'system', id: 'rights.reminders' }, action: 'rights.unverified_purged', details: { count: gone.length, olderThanDays: UNVERIFIED_KEEP_DAYS } });
    }
    return gone.length;
  });
  return { ...counts, purged };
}

/** Hourly: reminders and escalations are claimed per request and due date, so running often never sends twice. */
export const rightsRemindersJob = defineJob({
  name: 'rights.reminders',
  version: 1,
  payload: z.object({}),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  policy: 'singleton',
  timeoutSeconds: 600,
  schedule: { cron: '5 * * * *', payload: {} },
  handler: async (_p, ctx) => sendRightsReminders(ctx.deps),
});
