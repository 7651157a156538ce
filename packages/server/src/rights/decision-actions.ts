import { formatDate, requestCanExtend, REQUEST_TYPE_WORDS, type RequestClockState, type RequestType } from '@pledge/core';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { applyAction, clockColumns, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { complaintRights, messagePerson, requestRef } from './message-person.js';
import { deliverReplyFiles } from '../replies/deliver-reply-files.js';

/**
 * Extends the request by two further months (UK GDPR Art 12(3)): only for complexity or the number of requests
 * from the person, only while the first month (moved on by pauses) has not ended, and the person is told at once,
 * with the reasons. A reason is required: the controller must be able to show why.
 */
export async function extendRequest(deps: RightsDeps, id: string, actor: Actor, reason: string) {
  const why = cleanText(reason, 'reason', { max: 5000, label: 'The reason' });
  if (!why) throw new PledgeError('invalid_input', 'Give the reason for the extension (the request is complex, or one of a number from this person): the person is told it.', { field: 'reason' });
  return applyAction(deps, id, actor, 'extend', async ({ trx, row, clock, today, settings, declaration }) => {
    const decision = requestCanExtend(clock, settings, today);
    if (!decision.allowed) throw new PledgeError('conflict', `The request cannot be extended: ${decision.reason}`, { citation: decision.citation });
    const next: RequestClockState = { ...clock, extension: { on: today, reason: why } };
    const cols = clockColumns(next, settings);
    await messagePerson(trx, deps, row, declaration, {
      subject: `We need more time for your request (${requestRef(row)})`,
      paragraphs: [
        'The law allows us to take up to two further months where a request is complex or one of a number of requests, and we need that time for yours, because:',
        why,
        cols.due_date ? `We will now reply by ${formatDate(cols.due_date)} at the latest, and sooner if we can.` : 'We will tell you when to expect our reply.',
        complaintRights(declaration),
      ],
      actor,
    });
    return { summary: `Extended by two months (Art 12(3)); the person was told with the reasons${cols.due_date ? `; now due ${cols.due_date}` : ''}`, body: why, clock: next, data: { extendedOn: today } };
  });
}

const GROUNDS = { manifestly_unfounded: 'manifestly unfounded', manifestly_excessive: 'manifestly excessive' } as const;
export type RefusalGround = keyof typeof GROUNDS;

/**
 * Refuses a manifestly unfounded or excessive request (UK GDPR Art 12(5)(b)). The burden of showing it is the
 * controller's, so a justification is required; the person is told why, and of their right to complain to the ICO
 * and to seek a judicial remedy (Art 12(4)), within the period.
 */
export async function refuseRequest(deps: RightsDeps, id: string, actor: Actor, input: { ground: RefusalGround; justification: string }) {
  const why = cleanText(input.justification, 'justification', { max: 10_000, label: 'The justification' });
  if (why.length < 20) throw new PledgeError('invalid_input', 'Give the justification in full (at least a sentence): the law puts the burden of showing the request is manifestly unfounded or excessive on us, and the person is told it.', { field: 'justification' });
  return applyAction(deps, id, actor, 'refuse', async ({ trx, row, declaration, now }) => {
    await messagePerson(trx, deps, row, declaration, {
      subject: `Our decision on your request (${requestRef(row)})`,
      paragraphs: [
        `We will not act on your request (${REQUEST_TYPE_WORDS[row.type as RequestType].title.toLowerCase()}), because we consider it ${GROUNDS[input.ground]}:`,
        why,
        complaintRights(declaration),
      ],
      actor,
    });
    return { summary: `Refused as ${GROUNDS[input.ground]} (Art 12(5)); the person was told why and of the right to complain to the ICO and to a court (Art 12(4))`, body: why, data: { ground: input.ground }, set: { completed_at: now } };
  });
}

/** A privacy officer approves the request (required before an erasure is completed). */
export async function approveRequest(deps: RightsDeps, id: string, actor: Actor, note?: string) {
  const body = note === undefined ? undefined : cleanText(note, 'note', { max: 5000 });
  return applyAction(deps, id, actor, 'approve', async ({ row, now }) => {
    if (row.approved_at) throw new PledgeError('conflict', 'This request is already approved.');
    return { summary: `Approved by a privacy officer${row.type === 'erasure' ? ': the erasure may be completed' : ''}`, ...(body ? { body } : {}), set: { approved_at: now, approved_by: actor.id ?? null } };
  });
}

export interface CompleteInput {
  /** The reply to the person (sent by email, kept encrypted with the request). */
  reply: string;
  /** Files attached to the reply (an access package), from the replies capability; stored with the completion. */
  attachmentIds?: string[];
}

/**
 * Completes the request with the reply to the person. Refused while a task is open (tick each system off, or mark
 * it not applicable, with evidence), and for an erasure until a privacy officer has approved it.
 *
 * The replies capability attaches files through `attachmentIds`: they are stored with the completion and listed in
 * the timeline; the delivery links are that capability's to send (this function sends the reply text).
 */
export async function completeRequest(deps: RightsDeps, id: string, actor: Actor, input: CompleteInput) {
  const reply = cleanText(input.reply, 'reply', { max: 100_000, label: 'The reply' });
  if (!reply) throw new PledgeError('invalid_input', 'Write the reply to the person.', { field: 'reply' });
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  return applyAction(deps, id, actor, 'complete', async ({ trx, row, declaration, now }) => {
    if (row.type === 'erasure' && !row.approved_at) throw new PledgeError('conflict', 'An erasure must be approved by a privacy officer before it is completed: ask one to approve it (POST .../approve).', { reason: 'approval_required' });
    const open = await trx.selectFrom('rights_tasks').select(['system']).where('request_id', '=', row.id).where('status', '=', 'open').execute();
    if (open.length) throw new PledgeError('conflict', `${open.length} task${open.length === 1 ? ' is' : 's are'} still open (${open.map((t) => t.system).slice(0, 3).join('; ')}): tick each off with its evidence, or mark it not applicable, first.`, { reason: 'tasks_open', open: open.length });
    const { mailId } = await messagePerson(trx, deps, row, declaration, { subject: `Our reply to your request (${requestRef(row)})`, paragraphs: [reply, complaintRights(declaration)], actor });
    await deliverReplyFiles(trx, deps, { requestId: row.id, fileIds: attachmentIds, actor, declaration }); // replies: the files, by expiring links
    return {
      summary: `Completed; reply sent${attachmentIds.length ? ` with ${attachmentIds.length} attachment${attachmentIds.length === 1 ? '' : 's'}` : ''}`,
      body: reply,
      data: { mailId, attachmentIds },
      set: { completed_at: now, reply_enc: deps.cipher.encrypt(reply, 'rights_requests.reply_enc'), attachment_ids: JSON.stringify(attachmentIds) },
    };
  });
}
