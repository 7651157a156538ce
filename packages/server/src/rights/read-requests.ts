import { WAITING_STATUSES, addDays, CLOSED_STATUSES, OPEN_STATUSES, REQUEST_TYPE_WORDS, STATUS_WORDS, type RequestStatus, type RequestType } from '@pledge/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import { PledgeError } from '../errors/pledge-error.js';
import type { RightsDeps, RequestRow } from './apply-action.js';
import { UUID } from './create-request.js';
import { intakeView } from './intake-view.js';
import { requestRef } from './message-person.js';
import { requestClockView } from './request-clock-view.js';
import { clockSettings, declarationOf, londonDate } from './rights-context.js';

export interface QueueQuery {
  /** 'open' (default), 'closed', 'all', or one status. */
  status?: 'open' | 'closed' | 'all' | RequestStatus;
  type?: RequestType;
  /** 'none' for unassigned, or a user id. */
  assignee?: string;
  /**
   * overdue: past its due date; due_soon: due within the reminder window; paused: waiting for the person (clarification,
   * identity, fee); customer_due_soon, customer_overdue: processor mode, a customer's instruction not yet carried out
   * whose declared period ends within the reminder window, or has ended.
   */
  due?: 'overdue' | 'due_soon' | 'paused' | 'customer_due_soon' | 'customer_overdue';
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
  /** Processor mode: the day the customer's instruction must be carried out by, while its task is open. */
  customerDueDate: string | null;
  /** Other requests from the same person: the same address, or linked by hand. */
  linkedCount: number;
  /** Of those, the ones made in the 12 months before this one (Art 12(5): repetitive requests may be excessive). */
  repeatsInLast12Months: number;
}

export interface QueueCounts {
  open: number;
  overdue: number;
  dueSoon: number;
  paused: number;
  unassigned: number;
  byStatus: Record<string, number>;
  /** Processor mode: customers' instructions not yet carried out, due within the reminder window / past their date. */
  customerDueSoon: number;
  customerOverdue: number;
}

const PAUSED: readonly RequestStatus[] = WAITING_STATUSES;
const NO_DUE = '9999-99-99';

const encodeCursor = (dueKey: string, number: string) => Buffer.from(`${dueKey}|${number}`).toString('base64url');
function decodeCursor(c: string): { dueKey: string; number: string } {
  const m = /^(\d{4}-\d{2}-\d{2}|9999-99-99)\|(\d{1,18})$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) throw new PledgeError('invalid_input', 'The cursor is not valid: pass the `next` value of the previous page as it was.', { field: 'after' });
  return { dueKey: m[1]!, number: m[2]! };
}

type ItemRow = Pick<RequestRow, 'id' | 'number' | 'type' | 'status' | 'received_on' | 'due_date' | 'deadline' | 'due_applied' | 'paused_since' | 'extended' | 'assignee_id' | 'processor_activity' | 'customer_due_date'>;
interface ItemExtra {
  customerOpen: boolean;
  linkedCount: number;
  repeatsInLast12Months: number;
}

function toItem(r: ItemRow, today: string, extra: ItemExtra): QueueItem {
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
    customerDueDate: extra.customerOpen ? r.customer_due_date : null,
    linkedCount: extra.linkedCount,
    repeatsInLast12Months: extra.repeatsInLast12Months,
  };
}

/** An SQL condition: the request's customer-instruction task is still open (processor mode). */
const customerTaskOpen = (alias: string) =>
  sql<SqlBool>`exists (select 1 from rights_tasks t where t.request_id = ${sql.ref(`${alias}.id`)} and t.key = 'customer-instruction' and t.status = 'open')`;

/** The start of the 12 months before a request was made, in which the person's earlier requests count as repeats. */
const yearBefore = (madeAt: Date) => new Date(madeAt.getTime() - 365 * 86_400_000);

/**
 * Per request of one page: how many other requests came from the same person (same address hash, or linked by hand),
 * how many of those in the 12 months before it, and whether its customer instruction is open. Index lookups per
 * row of the page only (rights_requests_email, the links' primary key, rights_tasks' unique key), so the queue costs
 * the same however many requests there are.
 */
async function pageExtras(db: RightsDeps['store']['db'], ids: string[]): Promise<Map<string, ItemExtra>> {
  const out = new Map<string, ItemExtra>();
  if (ids.length === 0) return out;
  const rows = await sql<{ id: string; same: string; manual: string; same_recent: string; manual_recent: string; customer_open: boolean }>`
    select r.id,
      (select count(*) from rights_requests o where o.email_hash = r.email_hash and o.id <> r.id and o.status <> 'unverified') as same,
      (select count(*) from rights_request_links l where l.request_id = r.id) as manual,
      (select count(*) from rights_requests o where o.email_hash = r.email_hash and o.id <> r.id and o.status <> 'unverified'
         and o.created_at >= r.created_at - interval '365 days' and o.created_at < r.created_at) as same_recent,
      (select count(*) from rights_request_links l join rights_requests o on o.id = l.other_id where l.request_id = r.id
         and o.created_at >= r.created_at - interval '365 days' and o.created_at < r.created_at) as manual_recent,
      coalesce(t.status = 'open', false) as customer_open
    from rights_requests r
    left join rights_tasks t on t.request_id = r.id and t.key = 'customer-instruction'
    where r.id in (${sql.join(ids)})`.execute(db);
  for (const r of rows.rows) {
    out.set(r.id, { customerOpen: r.customer_open, linkedCount: Number(r.same) + Number(r.manual), repeatsInLast12Months: Number(r.same_recent) + Number(r.manual_recent) });
  }
  return out;
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
    .select(['id', 'number', 'type', 'status', 'received_on', 'due_date', 'deadline', 'due_applied', 'paused_since', 'extended', 'assignee_id', 'processor_activity', 'customer_due_date'])
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
  else if (q.due === 'customer_overdue' || q.due === 'customer_due_soon') {
    // Processor mode: the period the declaration promises for acting on the customer's instruction (Art 28(3)(e)).
    query = query.where('status', 'in', [...OPEN_STATUSES]).where(customerTaskOpen('rights_requests'));
    query = q.due === 'customer_overdue' ? query.where('customer_due_date', '<', today) : query.where('customer_due_date', '>=', today).where('customer_due_date', '<=', soon);
  }
  if (q.after) {
    const c = decodeCursor(q.after);
    query = query.where((eb) => eb.or([eb(dueKey as Expression<string>, '>', c.dueKey), eb.and([eb(dueKey as Expression<string>, '=', c.dueKey), eb('number', '>', c.number)])]) as Expression<SqlBool>);
  }
  const rows = await query.orderBy(dueKey).orderBy('number').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? encodeCursor(last.due_key, String(last.number)) : null;
  // Both at once: on PostgreSQL they run on two pooled connections.
  const [extras, counts] = await Promise.all([pageExtras(db, page.map((r) => r.id)), queueCounts(deps, today, soon)]);
  const none: ItemExtra = { customerOpen: false, linkedCount: 0, repeatsInLast12Months: 0 };
  return { items: page.map((r) => toItem(r, today, extras.get(r.id) ?? none)), next, counts };
}

/** Counts over every open request: one scan of the open-queue index, and the customer-instruction index. */
export async function queueCounts(deps: Pick<RightsDeps, 'store'>, today: string, soon: string): Promise<QueueCounts> {
  const [rows, customer] = await Promise.all([
    sql<{ status: string; n: string; overdue: string; due_soon: string; unassigned: string }>`
    select status, count(*) as n,
      count(*) filter (where due_date < ${today}) as overdue,
      count(*) filter (where due_date >= ${today} and due_date <= ${soon}) as due_soon,
      count(*) filter (where assignee_id is null) as unassigned
    from rights_requests where status not in ('unverified', 'completed', 'refused') group by status`.execute(deps.store.db),
    sql<{ overdue: string; due_soon: string }>`
    select count(*) filter (where customer_due_date < ${today}) as overdue,
      count(*) filter (where customer_due_date >= ${today} and customer_due_date <= ${soon}) as due_soon
    from rights_requests r
    where customer_due_date is not null and customer_due_date <= ${soon} and status not in ('unverified', 'completed', 'refused') and ${customerTaskOpen('r')}`.execute(deps.store.db),
  ]);
  const counts: QueueCounts = { open: 0, overdue: 0, dueSoon: 0, paused: 0, unassigned: 0, byStatus: {}, customerDueSoon: Number(customer.rows[0]?.due_soon ?? 0), customerOverdue: Number(customer.rows[0]?.overdue ?? 0) };
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
  const [events, tasks, notifications, sameAddress, manual, declaration] = await Promise.all([
    db.selectFrom('rights_request_events').selectAll().where('request_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('rights_tasks').selectAll().where('request_id', '=', row.id).orderBy('position').execute(),
    db.selectFrom('rights_notifications').selectAll().where('request_id', '=', row.id).orderBy('recipient_name').execute(),
    // A request taken by letter or phone may have no address: only links by hand then.
    (row.email_hash === null ? db.selectFrom('rights_requests').where(sql<SqlBool>`false`) : db.selectFrom('rights_requests').where('email_hash', '=', row.email_hash))
      .select(['id', 'number', 'type', 'status', 'received_on', 'created_at'])
      .where('id', '!=', row.id)
      .where('status', '!=', 'unverified')
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
    db
      .selectFrom('rights_request_links as l')
      .innerJoin('rights_requests as o', 'o.id', 'l.other_id')
      .select(['o.id', 'o.number', 'o.type', 'o.status', 'o.received_on', 'o.created_at', 'l.created_at as linked_at', 'l.created_by as linked_by'])
      .where('l.request_id', '=', row.id)
      .orderBy('o.created_at', 'desc')
      .limit(100)
      .execute(),
    declarationOf(db, row.declaration_version),
  ]);
  // The settings stored with the request's clock, so the explanation is of the stored due date.
  const settings = clockSettings(deps, declaration, row.clock);
  const yearAgo = yearBefore(new Date(row.created_at));
  const status = row.status as RequestStatus;
  const linked = [
    ...sameAddress.map((l) => ({ ...l, how: 'same_address' as const, linkedAt: null, linkedBy: null })),
    ...manual.map((l) => ({ ...l, how: 'by_hand' as const, linkedAt: new Date(l.linked_at).toISOString(), linkedBy: l.linked_by })),
  ].sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime());
  // Helps the "manifestly excessive" judgement (Art 12(5); ICO: repetitive requests): earlier requests from the same
  // person (same address, or linked by hand) in the 12 months before this one.
  const repeats = linked.filter((l) => new Date(l.created_at).getTime() >= yearAgo.getTime() && new Date(l.created_at).getTime() < new Date(row.created_at).getTime()).length;
  const customerTask = tasks.find((t) => t.key === 'customer-instruction');
  return {
    ...toItem(row, today, { customerOpen: customerTask?.status === 'open', linkedCount: linked.length, repeatsInLast12Months: repeats }),
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
    ...intakeView(deps, row),
    declarationVersion: row.declaration_version,
    customer: row.processor_activity
      ? { name: dec(row.customer_name_enc, 'rights_requests.customer_name_enc'), email: dec(row.customer_email_enc, 'rights_requests.customer_email_enc'), dueDate: row.customer_due_date }
      : null,
    approvedAt: row.approved_at ? new Date(row.approved_at).toISOString() : null,
    approvedBy: row.approved_by,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    reply: dec(row.reply_enc, 'rights_requests.reply_enc'),
    attachmentIds: (row.attachment_ids as string[] | null) ?? [],
    // Never fails a read: a clock error is shown as such (status unavailable), with the stored due date.
    clock: requestClockView(row, settings, today),
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
    /** Requests from the same person: the same address (by its hash), or linked by hand by staff. */
    linked: linked.map((l) => ({
      id: l.id,
      ref: requestRef(l),
      type: l.type as RequestType,
      status: l.status as RequestStatus,
      receivedOn: l.received_on,
      createdAt: new Date(l.created_at).toISOString(),
      how: l.how,
      linkedAt: l.linkedAt,
      linkedBy: l.linkedBy,
    })),
  };
}

export type RequestView = Awaited<ReturnType<typeof getRequest>>;
