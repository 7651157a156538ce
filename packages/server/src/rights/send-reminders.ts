import { addDays, formatDate, REQUEST_TYPE_WORDS, OPEN_STATUSES, type RequestType } from '@pledge/core';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.js';
import { defineJob } from '../jobs/define-job.js';
import { queueMail } from '../mail/queue-mail.js';
import { recordEvent, type RightsDeps } from './apply-action.js';
import { requestRef } from './message-person.js';
import { londonDate, organisationName, publicLink } from './rights-context.js';
import { rightsStaffTemplate } from './rights-mail-templates.js';
import { ROLE_PERMISSIONS, type Role } from '../auth/permissions.js';

/** Unconfirmed requests are kept this long, then deleted (data minimisation: the person never confirmed them). */
export const UNVERIFIED_KEEP_DAYS = 7;
const BATCH = 500;

/**
 * Reminds staff before requests fall due, and escalates those overdue (so the one-month limit of UK GDPR Art 12(3)
 * is not missed unnoticed). The assignee is reminded `rightsReminderDays` before the due date (the privacy officers
 * when nobody is assigned); an overdue request goes to the assignee and every privacy officer and owner.
 *
 * Idempotent: each reminder is claimed in rights_reminders (request, kind, due date) in the transaction that queues
 * its mail, so a run repeated after a crash, or two schedulers at once, never send it twice; a request whose due date
 * moves (pause, extension) is reminded again for its new date. Also deletes requests left unconfirmed for a week.
 */
export async function sendRightsReminders(deps: RightsDeps): Promise<{ dueSoon: number; overdue: number; purged: number }> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const today = londonDate(now);
  const soon = addDays(today, deps.config.rightsReminderDays);
  const staff = await db.selectFrom('users').select(['id', 'email', 'role']).where('disabled_at', 'is', null).execute();
  const approvers = staff.filter((u) => ROLE_PERMISSIONS[u.role as Role]?.includes('rights:approve')).map((u) => u.email);
  const rows = await db
    .selectFrom('rights_requests')
    .leftJoin('rights_reminders as s', (j) => j.onRef('s.request_id', '=', 'rights_requests.id').onRef('s.due_date', '=', 'rights_requests.due_date').on('s.kind', '=', 'due_soon'))
    .leftJoin('rights_reminders as o', (j) => j.onRef('o.request_id', '=', 'rights_requests.id').onRef('o.due_date', '=', 'rights_requests.due_date').on('o.kind', '=', 'overdue'))
    .select(['rights_requests.id', 'rights_requests.number', 'rights_requests.type', 'rights_requests.due_date', 'rights_requests.assignee_id', 'rights_requests.declaration_version', 's.request_id as soon_sent', 'o.request_id as overdue_sent'])
    .where('rights_requests.status', 'in', [...OPEN_STATUSES])
    .where('rights_requests.due_date', '<=', soon)
    .where((eb) => eb.or([eb.and([eb('rights_requests.due_date', '>=', today), eb('s.request_id', 'is', null)]), eb.and([eb('rights_requests.due_date', '<', today), eb('o.request_id', 'is', null)])]))
    .orderBy('rights_requests.due_date')
    .limit(BATCH)
    .execute();
  let dueSoon = 0;
  let overdue = 0;
  for (const r of rows) {
    const kind = r.due_date! < today ? 'overdue' : 'due_soon';
    const assignee = r.assignee_id ? staff.find((u) => u.id === r.assignee_id)?.email : undefined;
    const to = kind === 'overdue' ? [...new Set([...(assignee ? [assignee] : []), ...approvers])] : assignee ? [assignee] : approvers;
    const sent = await db.transaction().execute(async (trx) => {
      const claimed = await trx.insertInto('rights_reminders').values({ request_id: r.id, kind, due_date: r.due_date!, sent_at: now }).onConflict((oc) => oc.doNothing()).returning('request_id').executeTakeFirst();
      if (!claimed) return false;
      const ref = requestRef(r);
      const what = REQUEST_TYPE_WORDS[r.type as RequestType].title.toLowerCase();
      const subject = kind === 'overdue' ? `OVERDUE: rights request ${ref} was due ${formatDate(r.due_date!)}` : `Due ${formatDate(r.due_date!)}: rights request ${ref}`;
      for (const address of to) {
        await queueMail(trx, deps, {
          to: address,
          template: rightsStaffTemplate,
          vars: {
            subject,
            paragraphs: [
              kind === 'overdue'
                ? `Rights request ${ref} (${what}) was due by the end of ${formatDate(r.due_date!)} and is not closed. The law allows one month (UK GDPR Art 12(3)); reply, or record why not, now.`
                : `Rights request ${ref} (${what}) is due by the end of ${formatDate(r.due_date!)}.`,
              r.assignee_id ? '' : 'Nobody is assigned to it.',
            ].filter(Boolean),
            link: { url: publicLink(deps, `/api/rights/requests/${r.id}`), label: 'Open the request' },
          },
          actor: { type: 'system', id: 'rights.reminders' },
          organisationName: organisationName(deps, undefined),
        });
      }
      await recordEvent(trx, deps, {
        requestId: r.id,
        actor: { type: 'system', id: 'rights.reminders' },
        kind: kind === 'overdue' ? 'escalated' : 'reminded',
        summary: kind === 'overdue' ? `Overdue: escalated to ${to.length} staff` : `Reminder sent to ${assignee ? 'the assignee' : `${to.length} privacy officer${to.length === 1 ? '' : 's'}`}`,
        data: { dueDate: r.due_date, recipients: to.length },
      });
      return true;
    });
    if (sent) kind === 'overdue' ? overdue++ : dueSoon++;
  }
  const purged = await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('rights_requests').where('status', '=', 'unverified').where('created_at', '<', new Date(now.getTime() - UNVERIFIED_KEEP_DAYS * 86_400_000)).returning('id').execute();
    if (gone.length) {
      await appendAudit(trx, deps.clock, { actor: { type: 'system', id: 'rights.reminders' }, action: 'rights.unverified_purged', details: { count: gone.length, olderThanDays: UNVERIFIED_KEEP_DAYS } });
    }
    return gone.length;
  });
  return { dueSoon, overdue, purged };
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
