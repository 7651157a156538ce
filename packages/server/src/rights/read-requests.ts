import { addDays, CLOSED_STATUSES, OPEN_STATUSES, REQUEST_TYPE_WORDS, requestCanExtend, requestDue, STATUS_WORDS, type RequestClockState, type RequestStatus, type RequestType } from '@pledge/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import { PledgeError } from '../errors/pledge-error.js';
import type { RightsDeps, RequestRow } from './apply-action.js';
import { UUID } from './create-request.js';
import { requestRef } from './message-person.js';
import { clockSettings, declarationOf, londonDate } from './rights-context.js';

export interface QueueQuery {
  /** 'open' (default), 'closed', 'all', or one status. */
  status?: 'open' | 'closed' | 'all' | RequestStatus;
  type?: RequestType;
  /** 'none' for unassigned, or a user id. */
  assignee?: string;
  /** overdue: past its due date; due_soon: due within the reminder window; paused: waiting for the person (clarification, identity, fee). */
  due?: 'overdue' | 'due_soon' | 'paused';
  limit?: number;
  /** The `next` cursor of the previous page. */
  after?: string;
}

export interface QueueItem {
  id: string;
  ref: string;
  type: RequestType;
  status: RequestStatus;
  receivedOn: string | null;
  dueDate: string | null;
  deadline: string | null;
  dueApplied: string | null;
  pausedSince: string | null;
  extended: boolean;
  assigneeId: string | null;
  overdue: boolean;
  processorActivity: string | null;
}

export interface QueueCounts {
  open: number;
  overdue: number;
  dueSoon: number;
  paused: number;
  unassigned: number;
  byStatus: Record<string, number>;
}

const PAUSED: RequestStatus[] = ['awaiting_clarification', 'awaiting_identity', 'awaiting_fee'];
const NO_DUE = '9999-99-99';

const encodeCursor = (dueKey: string, number: string) => Buffer.from(`${dueKey}|${number}`).toString('base64url');
function decodeCursor(c: string): { dueKey: string; number: string } {
  const m = /^(\d{4}-\d{2}-\d{2}|9999-99-99)\|(\d{1,18})$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) throw new PledgeError('invalid_input', 'The cursor is not valid: pass the `next` value of the previous page as it was.', { field: 'after' });
  return { dueKey: m[1]!, number: m[2]! };
}

function toItem(r: Pick<RequestRow, 'id' | 'number' | 'type' | 'status' | 'received_on' | 'due_date' | 'deadline' | 'due_applied' | 'paused_since' | 'extended' | 'assignee_id' | 'processor_activity'>, today: string): QueueItem {
  const status = r.status as RequestStatus;
  return {
    id: r.id,
    ref: requestRef(r),
    type: r.type as RequestType,
    status,
    receivedOn: r.received_on,
    dueDate: r.due_date,
    deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
    dueApplied: r.due_applied,
    pausedSince: r.paused_since,
    extended: r.extended,
    assigneeId: r.assignee_id,
    overdue: OPEN_STATUSES.includes(status) && r.due_date !== null && r.due_date < today,
    processorActivity: r.processor_activity,
  };
}

/**
 * The staff queue: requests in due order (soonest first, those without a due date last), filtered, a page at a time
 * by keyset on (due date, number) so a page costs the same however deep it is; with counts over all open requests.
 */
export async function listQueue(deps: Pick<RightsDeps, 'store' | 'clock' | 'config'>, q: QueueQuery): Promise<{ items: QueueItem[]; next: string | null; counts: QueueCounts }> {
  const db = deps.store.db;
  const today = londonDate(deps.clock.now());
  const soon = addDays(today, deps.config.rightsReminderDays);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const statusFilter = q.status ?? 'open';
  const dueKey = sql<string>`coalesce(due_date, ${NO_DUE})`;
  let query = db
    .selectFrom('rights_requests')
    .select(['id', 'number', 'type', 'status', 'received_on', 'due_date', 'deadline', 'due_applied', 'paused_since', 'extended', 'assignee_id', 'processor_activity'])
    .select(dueKey.as('due_key'));
  if (statusFilter === 'open') query = query.where('status', 'not in', ['unverified', ...CLOSED_STATUSES]);
  else if (statusFilter === 'closed') query = query.where('status', 'in', [...CLOSED_STATUSES]);
  else if (statusFilter === 'all') query = query.where('status', '!=', 'unverified');
  else query = query.where('status', '=', statusFilter);
  if (q.type) query = query.where('type', '=', q.type);
  if (q.assignee === 'none') query = query.where('assignee_id', 'is', null);
  else if (q.assignee) query = query.where('assignee_id', '=', q.assignee);
  if (q.due === 'overdue') query = query.where('due_date', '<', today).where('status', 'in', [...OPEN_STATUSES]);
  else if (q.due === 'due_soon') query = query.where('due_date', '>=', today).where('due_date', '<=', soon).where('status', 'in', [...OPEN_STATUSES]);
  else if (q.due === 'paused') query = query.where('status', 'in', PAUSED);
  if (q.after) {
    const c = decodeCursor(q.after);
    query = query.where((eb) => eb.or([eb(dueKey as Expression<string>, '>', c.dueKey), eb.and([eb(dueKey as Expression<string>, '=', c.dueKey), eb('number', '>', c.number)])]) as Expression<SqlBool>);
  }
  const rows = await query.orderBy(dueKey).orderBy('number').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? encodeCursor(last.due_key, String(last.number)) : null;
  return { items: page.map((r) => toItem(r, today)), next, counts: await queueCounts(deps, today, soon) };
}

/** Counts over every open request: one scan of the open-queue index. */
export async function queueCounts(deps: Pick<RightsDeps, 'store'>, today: string, soon: string): Promise<QueueCounts> {
  const rows = await sql<{ status: string; n: string; overdue: string; due_soon: string; unassigned: string }>`
    select status, count(*) as n,
      count(*) filter (where due_date < ${today}) as overdue,
      count(*) filter (where due_date >= ${today} and due_date <= ${soon}) as due_soon,
      count(*) filter (where assignee_id is null) as unassigned
    from rights_requests where status not in ('unverified', 'completed', 'refused') group by status`.execute(deps.store.db);
  const counts: QueueCounts = { open: 0, overdue: 0, dueSoon: 0, paused: 0, unassigned: 0, byStatus: {} };
  for (const r of rows.rows) {
    const n = Number(r.n);
    counts.open += n;
    counts.overdue += Number(r.overdue);
    counts.dueSoon += Number(r.due_soon);
    counts.unassigned += Number(r.unassigned);
    counts.byStatus[r.status] = n;
    if (PAUSED.includes(r.status as RequestStatus)) counts.paused += n;
  }
  return counts;
}

export interface TimelineEntry {
  at: string;
  actor: { type: string; id: string | null };
  kind: string;
  summary: string;
  text: string | null;
  data: unknown;
}

/** One request with everything staff need: the person's words (decrypted), the clock explained, tasks, recipients, timeline, linked requests. */
export async function getRequest(deps: RightsDeps, id: string) {
  const db = deps.store.db;
  const row = UUID.test(id) ? await db.selectFrom('rights_requests').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row || row.status === 'unverified') throw new PledgeError('not_found', `There is no rights request ${id.slice(0, 64)}. GET /api/rights/requests lists them.`);
  const now = deps.clock.now();
  const today = londonDate(now);
  const dec = (v: string | null, ctx: string) => (v === null ? null : deps.cipher.decrypt(v, ctx));
  const [events, tasks, notifications, linked, declaration] = await Promise.all([
    db.selectFrom('rights_request_events').selectAll().where('request_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('rights_tasks').selectAll().where('request_id', '=', row.id).orderBy('position').execute(),
    db.selectFrom('rights_notifications').selectAll().where('request_id', '=', row.id).orderBy('recipient_name').execute(),
    db
      .selectFrom('rights_requests')
      .select(['id', 'number', 'type', 'status', 'received_on', 'created_at'])
      .where('email_hash', '=', row.email_hash)
      .where('id', '!=', row.id)
      .where('status', '!=', 'unverified')
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
    declarationOf(db, row.declaration_version),
  ]);
  const settings = clockSettings(deps, declaration);
  const clock = row.clock as RequestClockState;
  const due = requestDue(clock, settings);
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const status = row.status as RequestStatus;
  return {
    ...toItem(row, today),
    statusWords: STATUS_WORDS[status],
    title: REQUEST_TYPE_WORDS[row.type as RequestType].title,
    article: REQUEST_TYPE_WORDS[row.type as RequestType].article,
    createdAt: new Date(row.created_at).toISOString(),
    receivedAt: row.received_at ? new Date(row.received_at).toISOString() : null,
    relevantTime: row.relevant_time,
    pausedDays: row.paused_days,
    email: dec(row.email_enc, 'rights_requests.email_enc')!,
    name: dec(row.name_enc, 'rights_requests.name_enc'),
    details: dec(row.details_enc, 'rights_requests.details_enc'),
    directMarketing: row.direct_marketing,
    declarationVersion: row.declaration_version,
    customer: row.processor_activity
      ? { name: dec(row.customer_name_enc, 'rights_requests.customer_name_enc'), email: dec(row.customer_email_enc, 'rights_requests.customer_email_enc'), dueDate: row.customer_due_date }
      : null,
    approvedAt: row.approved_at ? new Date(row.approved_at).toISOString() : null,
    approvedBy: row.approved_by,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    reply: dec(row.reply_enc, 'rights_requests.reply_enc'),
    attachmentIds: (row.attachment_ids as string[] | null) ?? [],
    clock: {
      state: clock,
      status: due.status,
      steps: due.steps,
      warnings: 'warnings' in due ? due.warnings : [],
      citations: 'citations' in due ? due.citations : [],
      statutoryDueDate: due.status === 'due' ? due.statutoryDueDate : null,
      promiseDueDate: due.status === 'due' ? (due.promiseDueDate ?? null) : null,
      extensionNoticeDeadline: due.status === 'due' ? due.extensionNoticeDeadline : null,
      canExtend: OPEN_STATUSES.includes(status) ? requestCanExtend(clock, settings, today) : { allowed: false, reason: 'The request is closed.', citation: 'UK GDPR Art 12(3)' },
    },
    tasks: tasks.map((t) => ({
      id: t.id,
      key: t.key,
      system: t.system,
      action: t.action,
      status: t.status,
      dueDate: t.due_date,
      evidence: dec(t.evidence_enc, 'rights_tasks.evidence_enc'),
      tickedBy: t.ticked_by,
      tickedAt: t.ticked_at ? new Date(t.ticked_at).toISOString() : null,
    })),
    notifications: notifications.map((n) => ({
      id: n.id,
      recipientId: n.recipient_id,
      recipientName: n.recipient_name,
      status: n.status,
      /** The systems or categories that led to this recipient (Art 19 by system); null when listed by the request type. */
      via: (n.via as string[] | null) ?? null,
      category: n.category,
      evidence: dec(n.evidence_enc, 'rights_notifications.evidence_enc'),
      doneBy: n.done_by,
      doneAt: n.done_at ? new Date(n.done_at).toISOString() : null,
    })),
    timeline: events.map(
      (e): TimelineEntry => ({
        at: new Date(e.at).toISOString(),
        actor: { type: e.actor_type, id: e.actor_id },
        kind: e.kind,
        summary: e.summary,
        text: dec(e.body_enc, 'rights_request_events.body_enc'),
        data: e.data ?? null,
      }),
    ),
    linked: linked.map((l) => ({ id: l.id, ref: requestRef(l), type: l.type, status: l.status, receivedOn: l.received_on })),
    // Helps the "manifestly excessive" judgement (Art 12(5); ICO: repetitive requests): earlier requests from the same address in 12 months.
    repeatsInLast12Months: linked.filter((l) => new Date(l.created_at).getTime() >= yearAgo.getTime() && new Date(l.created_at).getTime() < new Date(row.created_at).getTime()).length,
  };
}

export type RequestView = Awaited<ReturnType<typeof getRequest>>;
