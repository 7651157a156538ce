import { ClockError, nextStatus, requestDue, RequestTransitionError, type ClockSettings, type Declaration, type RequestAction, type RequestClockState, type RequestStatus } from '@pledge/core';
import type { Selectable, Transaction, Updateable } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { clockSettings, clockStateOf, declarationOf, londonDate, storedClock } from './rights-context.js';
import type { RightsRequestsTable } from './rights-tables.js';

export type RequestRow = Selectable<RightsRequestsTable>;
export type RightsDeps = Pick<ServiceDeps, 'store' | 'clock' | 'config' | 'cipher' | 'jobs' | 'logger'>;

/** The clock columns of a request for its clock state: what the queue filters and sorts on. */
export function clockColumns(state: RequestClockState, settings: ClockSettings): Pick<RightsRequestsTable, 'relevant_time' | 'due_date' | 'due_applied' | 'paused_since'> & { deadline: string | null; paused_days: number; extended: boolean } {
  let due;
  try {
    due = requestDue(state, settings);
  } catch (e) {
    if (e instanceof ClockError) throw new PledgeError('unprocessable', `The due date cannot be computed: ${e.message}`);
    throw e;
  }
  return {
    relevant_time: due.status === 'waiting' ? null : due.relevantTime,
    due_date: due.status === 'due' ? due.dueDate : null,
    deadline: due.status === 'due' ? due.deadline : null,
    due_applied: due.status === 'due' ? due.applied : null,
    paused_since: due.status === 'paused' ? due.pausedSince : null,
    paused_days: due.status === 'waiting' ? 0 : due.pausedDays,
    extended: state.extension !== null,
  };
}

export interface ActionContext {
  trx: Transaction<Database>;
  row: RequestRow;
  clock: RequestClockState;
  declaration: Declaration | undefined;
  settings: ClockSettings;
  /** Today in Europe/London. */
  today: string;
  now: Date;
  /** The status the action leads to. */
  status: RequestStatus;
}

export interface ActionOutcome<R> {
  /** The timeline entry: what happened, without personal data. */
  summary: string;
  /** Text that goes with it (a note, a question, a reason): encrypted in the timeline. */
  body?: string;
  /** Structured, non-personal details for the timeline and the audit trail. */
  data?: Record<string, unknown>;
  /** Columns to change besides the status and the clock. */
  set?: Updateable<RightsRequestsTable>;
  /** The new clock state, when the action moves the clock. */
  clock?: RequestClockState;
  /** A status other than the one the action normally leads to. */
  status?: RequestStatus;
  result?: R;
}

/** Appends a timeline entry and its audit entry, in the caller's transaction. */
export async function recordEvent(
  trx: Transaction<Database>,
  deps: Pick<RightsDeps, 'clock' | 'cipher'>,
  input: { requestId: string; actor: Actor; kind: string; summary: string; body?: string; data?: Record<string, unknown>; at?: Date },
): Promise<void> {
  const at = input.at ?? deps.clock.now();
  await trx
    .insertInto('rights_request_events')
    .values({
      request_id: input.requestId,
      at,
      actor_type: input.actor.type,
      actor_id: input.actor.id ?? null,
      kind: input.kind,
      summary: input.summary,
      body_enc: input.body === undefined ? null : deps.cipher.encrypt(input.body, 'rights_request_events.body_enc'),
      data: input.data ? JSON.stringify(input.data) : null,
    })
    .execute();
  await appendAudit(trx, deps.clock, {
    actor: input.actor,
    action: `rights.${input.kind}`,
    subject: { type: 'rights_request', id: input.requestId },
    details: { summary: input.summary, ...(input.data ?? {}) },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Locks one request for the rest of the transaction (404 for an unknown id, and for one not yet confirmed by email). */
export async function lockRequest(trx: Transaction<Database>, id: string, opts: { allowUnverified?: boolean } = {}): Promise<RequestRow> {
  const row = UUID.test(id) ? await trx.selectFrom('rights_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!row || (row.status === 'unverified' && !opts.allowUnverified)) throw new PledgeError('not_found', `There is no rights request ${id.slice(0, 64)}. GET /api/rights/requests lists them.`);
  return row;
}

/**
 * Runs one action on a request in one transaction: locks the row, checks the status allows the action, lets `fn`
 * do its part (mail, tasks...), then writes the new status, the clock's new state and due date, the timeline entry
 * and the audit entry. Either all of it commits or none of it.
 */
export async function applyAction<R = undefined>(
  deps: RightsDeps,
  requestId: string,
  actor: Actor,
  action: RequestAction,
  fn: (ctx: ActionContext) => Promise<ActionOutcome<R>>,
  opts: { allowUnverified?: boolean } = {},
): Promise<{ row: RequestRow; result: R | undefined }> {
  return deps.store.db.transaction().execute(async (trx) => {
    const row = await lockRequest(trx, requestId, opts);
    let status: RequestStatus;
    try {
      status = nextStatus(row.status as RequestStatus, action);
    } catch (e) {
      if (e instanceof RequestTransitionError) throw new PledgeError('conflict', e.message, { status: row.status, action });
      throw e;
    }
    const declaration = await declarationOf(trx, row.declaration_version);
    // The settings stored with the request's clock, once it has a due date (current ones before).
    const settings = clockSettings(deps, declaration, row.clock);
    const now = deps.clock.now();
    const clock = clockStateOf(row.clock);
    const out = await fn({ trx, row, clock, declaration, settings, today: londonDate(now), now, status });
    const newStatus = out.status ?? status;
    const cols = out.clock && newStatus !== 'unverified' ? clockColumns(out.clock, settings) : undefined;
    const clockSet = cols ? { clock: storedClock(out.clock!, settings), ...cols } : {};
    const updated = await trx
      .updateTable('rights_requests')
      .set({ ...(out.set ?? {}), ...clockSet, status: newStatus, updated_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, deps, {
      requestId: row.id,
      actor,
      kind: action,
      summary: out.summary,
      ...(out.body !== undefined ? { body: out.body } : {}),
      data: { ...(out.data ?? {}), ...(newStatus !== row.status ? { from: row.status, to: newStatus } : {}), ...(cols && cols.due_date !== row.due_date ? { dueDate: cols.due_date } : {}) },
      at: now,
    });
    return { row: updated, result: out.result };
  });
}
