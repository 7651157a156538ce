import { FEE_GROUND_WORDS, formatDate, formatPence, type FeeGround, type RequestClockState, type RequestFee } from '@pledge/core';
import { sql } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { applyAction, clockColumns, type RequestRow, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { complaintRights, messagePerson, requestRef } from './message-person.js';

export interface ChargeFeeInput {
  ground: FeeGround;
  amountPence: number;
  justification: string;
  /** How to pay; the organisation's default (PLEDGE_RIGHTS_FEE_INSTRUCTIONS) when absent. */
  instructions?: string | undefined;
}

/** The fee stored with a request, or null. */
export const feeOf = (row: Pick<RequestRow, 'fee'>): RequestFee | null => (row.fee ?? null) as RequestFee | null;

/**
 * Asks a reasonable fee (administrative costs): for a manifestly unfounded or excessive request (UK GDPR Art 12(5)(a)),
 * or for further copies of data already given on an access request (Art 15(3)). The burden of showing the ground is
 * the controller's, so a justification is required and kept. The person is told the amount, the ground in plain
 * words, how to pay, that the time to reply starts when the fee is received (Art 12A) and of the right to complain to
 * the ICO (Art 12(4)); the status page shows the same.
 *
 * Further copies: the first copy is free (Art 15(3)). A request for a further copy of what was already sent is taken
 * as its own access request (on the form, or by staff with POST /api/rights/requests) and the fee asked on it; a
 * completed request is not reopened.
 */
export async function chargeFee(deps: RightsDeps, id: string, actor: Actor, input: ChargeFeeInput) {
  const why = cleanText(input.justification, 'justification', { max: 10_000, label: 'The justification' });
  if (why.length < 20) throw new PledgeError('invalid_input', 'Give the justification for the fee in full (at least a sentence): requests are free unless manifestly unfounded or excessive, or for further copies, and the person is told why.', { field: 'justification' });
  if (!Number.isInteger(input.amountPence) || input.amountPence < 1) throw new PledgeError('invalid_input', 'The fee is a whole number of pence, at least 1.', { field: 'amountPence' });
  const given = input.instructions === undefined ? '' : cleanText(input.instructions, 'instructions', { max: 5000, label: 'The payment instructions' });
  const instructions = given || (deps.config.rightsFeeInstructions ?? '').trim();
  if (!instructions) throw new PledgeError('invalid_input', 'Say how the person can pay the fee (instructions: bank details, a payment page or an address for a cheque), or set PLEDGE_RIGHTS_FEE_INSTRUCTIONS for the organisation\'s default.', { field: 'instructions' });
  const words = FEE_GROUND_WORDS[input.ground];
  const amount = formatPence(input.amountPence);
  return applyAction(deps, id, actor, 'charge_fee', async ({ trx, row, clock, declaration, today }) => {
    if (input.ground === 'further_copies' && row.type !== 'access') throw new PledgeError('invalid_input', `A fee for further copies applies to a request for a copy of personal data (access, Art 15(3)); this request is ${row.type.replace(/_/g, ' ')}.`, { field: 'ground' });
    const fee: RequestFee = { ground: input.ground, amountPence: input.amountPence, instructions, askedOn: today };
    await messagePerson(trx, deps, row, declaration, {
      subject: `A fee for your request (${requestRef(row)})`,
      paragraphs: [
        `Requests are normally free. For this one we ask a reasonable fee of ${amount}, to cover our administrative costs, because ${words.plain} (${words.article}):`,
        why,
        `How to pay:\n${instructions}`,
        'The time we have to reply starts on the day we receive the fee. If the fee is not paid, we will not act on the request.',
        complaintRights(declaration),
      ],
      actor,
      linkLabel: 'See your request and how to pay',
    });
    const next: RequestClockState = { ...clock, waitingFor: 'fee' };
    return { summary: `Fee of ${amount} asked (${input.ground.replace(/_/g, ' ')}, ${words.article}); the person was told how to pay; the period runs from payment (Art 12A)`, body: why, data: { ground: input.ground, amountPence: input.amountPence }, clock: next, set: { fee: JSON.stringify(fee) } };
  });
}

/**
 * The fee was paid: the period runs from that day (Art 12A). The day cannot be before the fee was asked or in the
 * future. The person is emailed a confirmation with the new due date.
 */
export async function recordFeePaid(deps: RightsDeps, id: string, actor: Actor, paidOn?: string) {
  return applyAction(deps, id, actor, 'fee_paid', async ({ trx, row, clock, today, settings, declaration }) => {
    const fee = feeOf(row);
    const date = paidOn ?? today;
    if (date > today) throw new PledgeError('invalid_input', `The fee cannot have been paid in the future (${date}); today is ${today}.`, { field: 'paidOn' });
    if (fee && date < fee.askedOn) throw new PledgeError('invalid_input', `The fee cannot have been paid (${date}) before it was asked for (${fee.askedOn}): check the date the payment arrived.`, { field: 'paidOn' });
    const next: RequestClockState = { ...clock, waitingFor: null, relevantTimeEvents: [...clock.relevantTimeEvents, { kind: 'fee_paid', date }] };
    const cols = clockColumns(next, settings);
    await messagePerson(trx, deps, row, declaration, {
      subject: `We received your fee (${requestRef(row)})`,
      paragraphs: [
        `Thank you: we received your fee${fee ? ` of ${formatPence(fee.amountPence)}` : ''} on ${formatDate(date)}.`,
        cols.due_date ? `The time we have to reply runs from that day: we will reply by ${formatDate(cols.due_date)} at the latest, and sooner if we can.` : 'We will tell you when to expect our reply.',
      ],
      actor,
    });
    return {
      summary: `Fee paid on ${formatDate(date)}: the period runs from that day (Art 12A); the person was sent a confirmation${cols.due_date ? ` with the due date ${cols.due_date}` : ''}`,
      clock: next,
      data: { paidOn: date },
      ...(fee ? { set: { fee: JSON.stringify({ ...fee, paidOn: date }) } } : {}),
    };
  });
}

/**
 * The fee was not paid: the request is closed without acting on it (Art 12(5)(a): the controller may charge a fee
 * instead of acting; ICO: "you do not need to comply until you receive the fee"). Recorded as refused with the reason
 * `fee_not_paid` (it is closed, not decided against); the person is told, may ask again, and may complain to the ICO.
 */
export async function closeFeeUnpaid(deps: RightsDeps, id: string, actor: Actor, note?: string) {
  const body = note === undefined ? '' : cleanText(note, 'note', { max: 5000, label: 'The note' });
  return applyAction(deps, id, actor, 'close_fee_unpaid', async ({ trx, row, declaration, now, today }) => {
    const fee = feeOf(row);
    await messagePerson(trx, deps, row, declaration, {
      subject: `Your request is closed (${requestRef(row)})`,
      paragraphs: [
        `We asked a fee${fee ? ` of ${formatPence(fee.amountPence)} on ${formatDate(fee.askedOn)}` : ''} before acting on your request, and we have not received it, so we have closed the request without acting on it.`,
        'If you still want us to act, you can pay the fee and make the request again.',
        complaintRights(declaration),
      ],
      actor,
    });
    return {
      summary: `Closed: the fee${fee ? ` asked on ${fee.askedOn}` : ''} was not paid (Art 12(5)(a)); the person was told`,
      ...(body ? { body } : {}),
      data: { reason: 'fee_not_paid' },
      set: { completed_at: now, ...(fee ? { fee: JSON.stringify({ ...fee, unpaidClosedOn: today }) } : {}) },
    };
  });
}

/**
 * Requests whose fee was asked on or before `askedOnOrBefore` and is still unpaid, oldest ask first: for the reminders
 * job to tell the assignee (or the privacy officers) to chase the payment or close the request as fee not paid. They
 * have no due date while the fee is awaited (Art 12A), so due-date reminders never cover them.
 */
export async function unpaidFees(deps: Pick<RightsDeps, 'store'>, askedOnOrBefore: string, limit = 500): Promise<{ id: string; ref: string; assigneeId: string | null; askedOn: string; amountPence: number; ground: string }[]> {
  const askedOn = sql<string>`fee->>'askedOn'`;
  const rows = await deps.store.db
    .selectFrom('rights_requests')
    .select(['id', 'number', 'assignee_id', 'fee'])
    .where('status', '=', 'awaiting_fee')
    .where(askedOn, '<=', askedOnOrBefore)
    .orderBy(askedOn)
    .orderBy('number')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const fee = feeOf(r)!;
    return { id: r.id, ref: requestRef(r), assigneeId: r.assignee_id, askedOn: fee.askedOn, amountPence: fee.amountPence, ground: fee.ground };
  });
}
