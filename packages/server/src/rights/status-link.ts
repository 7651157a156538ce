import type { RequestStatus, RequestType } from '@pledge/core';
import { sha256Hex } from '../accounts/sha256-hex.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { applyAction, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { requestRef } from './message-person.js';
import { answerClarification } from './work-actions.js';
import { feeOf } from './fee-actions.js';

/** The staff action whose words the person answers, per status waiting for them. */
const ASKED_BY: Record<string, string> = { awaiting_clarification: 'ask_clarification', awaiting_identity: 'ask_identity', awaiting_authority: 'ask_authority' };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The request a status link points at; refused when the link is unknown or has expired. */
export async function requestByStatusToken(deps: Pick<RightsDeps, 'store' | 'clock' | 'cipher'>, token: string) {
  const link = TOKEN.test(token) ? await deps.store.db.selectFrom('rights_status_tokens').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst() : undefined;
  if (!link) throw new PledgeError('not_found', 'This link is not valid. Copy the whole link from our email.');
  if (new Date(link.expires_at).getTime() <= deps.clock.now().getTime()) throw new PledgeError('not_found', 'This link has expired. The most recent email we sent you has a new one; or contact us and quote your reference.', { reason: 'expired' });
  const row = await deps.store.db.selectFrom('rights_requests').selectAll().where('id', '=', link.request_id).executeTakeFirstOrThrow();
  // The question the person is asked to answer: the latest clarification or identity request.
  const asked = await deps.store.db
    .selectFrom('rights_request_events')
    .select(['body_enc', 'kind'])
    .where('request_id', '=', row.id)
    .where('kind', 'in', ['ask_clarification', 'ask_identity', 'ask_authority'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    id: row.id,
    ref: requestRef(row),
    type: row.type as RequestType,
    status: row.status as RequestStatus,
    receivedOn: row.received_on,
    dueDate: row.due_date,
    /** Whether the clock is stopped now (a clarification asked before the period ran out; Art 12A). */
    paused: row.paused_since !== null,
    question: asked?.body_enc && asked.kind === ASKED_BY[row.status] ? deps.cipher.decrypt(asked.body_enc, 'rights_request_events.body_enc') : null,
    /** The fee asked, if any (amount, ground, how to pay, dates): shown with the right to complain (Art 12(4), 12(5)). */
    fee: feeOf(row),
  };
}

/**
 * The person answers from the status page. An answer to a clarification resumes the clock at once; a reply about
 * identity is recorded for staff, who decide whether it proves identity (and then record it, moving the relevant time).
 */
export async function personAnswers(deps: RightsDeps, token: string, answer: string, actor: Actor) {
  const r = await requestByStatusToken(deps, token);
  if (r.status === 'awaiting_clarification') return answerClarification(deps, r.id, actor, answer);
  if (r.status !== 'awaiting_identity' && r.status !== 'awaiting_authority') throw new PledgeError('conflict', 'We are not waiting for an answer on this request: there is nothing to send. Reply to our last email if you want to tell us something.');
  const body = cleanText(answer, 'answer', { label: 'Your answer' });
  if (!body) throw new PledgeError('invalid_input', 'Write your answer.', { field: 'answer' });
  const about = r.status === 'awaiting_authority' ? 'evidence of authority' : 'proof of identity';
  return applyAction(deps, r.id, actor, 'note', async () => ({ summary: `The person replied about ${about}: check it and record it if it is enough`, body }));
}
