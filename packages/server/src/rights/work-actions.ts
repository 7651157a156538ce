import { formatDate, type RequestClockState } from '@pledge/core';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { roleHas, type Role } from '../auth/permissions.js';
import { applyAction, clockColumns, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { messagePerson, requestRef } from './message-person.js';
import { londonDate } from './rights-context.js';

/** Assigns the request to a staff user who can work requests, or unassigns it (null). */
export async function assignRequest(deps: RightsDeps, id: string, actor: Actor, assigneeId: string | null) {
  return applyAction(deps, id, actor, 'assign', async ({ trx }) => {
    if (assigneeId !== null) {
      const user = await trx.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', '=', assigneeId).executeTakeFirst();
      if (!user || user.disabled_at) throw new PledgeError('invalid_input', `There is no active staff user ${assigneeId.slice(0, 64)}. GET /api/users lists them.`, { field: 'assigneeId' });
      if (!roleHas(user.role as Role, 'rights:work')) throw new PledgeError('invalid_input', `That user's role (${user.role}) cannot work rights requests: choose an agent, a privacy officer or an owner.`, { field: 'assigneeId' });
    }
    return { summary: assigneeId ? 'Assigned' : 'Unassigned', data: { assigneeId }, set: { assignee_id: assigneeId } };
  });
}

/** A note on the timeline, for staff only (encrypted at rest). */
export async function addNote(deps: RightsDeps, id: string, actor: Actor, text: string) {
  const body = cleanText(text, 'text', { label: 'The note' });
  if (!body) throw new PledgeError('invalid_input', 'Write the note.', { field: 'text' });
  return applyAction(deps, id, actor, 'note', async () => ({ summary: 'Note added', body }));
}

/**
 * Asks the person for clarification: the clock stops from today until the answer (UK GDPR Art 12A; ICO "Can we stop
 * the clock?": only where the controller reasonably needs it to identify the information or processing asked about,
 * not for questions about format). The email links to the status page, where the person answers.
 */
export async function askClarification(deps: RightsDeps, id: string, actor: Actor, question: string) {
  const body = cleanText(question, 'question', { label: 'The question' });
  if (!body) throw new PledgeError('invalid_input', 'Write the question to ask the person.', { field: 'question' });
  return applyAction(deps, id, actor, 'ask_clarification', async ({ trx, row, clock, today, declaration, settings }) => {
    const next: RequestClockState = { ...clock, pauses: [...clock.pauses, { askedOn: today }] };
    // A question asked after the period has ended cannot stop a clock that has run out (the clock ignores it): the
    // person is not told that the time is paused, and the timeline says the request is still due.
    const stops = clockColumns(next, settings).paused_since !== null;
    await messagePerson(trx, deps, row, declaration, {
      subject: `We need more information about your request (${requestRef(row)})`,
      paragraphs: [
        'To find the information you asked for, we need to know more:',
        body,
        stops ? 'Please answer using the link below. The time we have to reply is paused until we receive your answer, and resumes then.' : 'Please answer using the link below.',
      ],
      actor,
      linkLabel: 'Answer our question',
    });
    return {
      summary: stops ? 'Clarification asked: the clock is stopped until the person answers' : 'Clarification asked after the period had ended: the clock is not stopped, the request is still due',
      body,
      clock: next,
      data: { pausedOn: today, stopsClock: stops },
    };
  });
}

/** The person's answer (from the status page, or received another way and recorded by staff): the clock resumes. */
export async function answerClarification(deps: RightsDeps, id: string, actor: Actor, answer: string) {
  const body = cleanText(answer, 'answer', { label: 'Your answer' });
  if (!body) throw new PledgeError('invalid_input', 'Write your answer.', { field: 'answer' });
  return applyAction(deps, id, actor, 'clarification_answered', async ({ clock, today }) => {
    const pauses = clock.pauses.map((p, i) => (i === clock.pauses.length - 1 && p.answeredOn === undefined ? { ...p, answeredOn: today } : p));
    return { summary: 'Clarification answered: the clock resumes', body, clock: { ...clock, pauses }, data: { answeredOn: today } };
  });
}

/**
 * Asks for (further) proof of identity, where there is reasonable doubt (UK GDPR Art 12(6)); the period then runs
 * from the day it arrives (Art 12A). Ask only for what is proportionate (ICO right of access guidance).
 */
export async function askIdentity(deps: RightsDeps, id: string, actor: Actor, message: string) {
  const body = cleanText(message, 'message', { label: 'The message' });
  if (!body) throw new PledgeError('invalid_input', 'Say what proof of identity you need, and why.', { field: 'message' });
  return applyAction(deps, id, actor, 'ask_identity', async ({ trx, row, clock, declaration }) => {
    await messagePerson(trx, deps, row, declaration, {
      subject: `Please confirm your identity (${requestRef(row)})`,
      paragraphs: ['Before we can act on your request we need to be sure it comes from you:', body, 'The time we have to reply starts again from the day we receive it. You can reply to us using the link below.'],
      actor,
      linkLabel: 'Reply to us',
    });
    return { summary: 'Proof of identity asked for (Art 12(6)): the period starts when it arrives', body, clock: { ...clock, waitingFor: 'identity' as const } };
  });
}

/**
 * Asks someone acting for the person (a solicitor, parent, attorney) for evidence of their authority (UK GDPR Art 12;
 * ICO right of access guidance, "requests made on behalf of others": the controller must be satisfied the third party
 * is entitled to act). Worded apart from a request for proof of identity: it is about their right to act, not who they
 * are. The period then runs from the day the evidence arrives (Art 12A); the person sends it from the status page.
 */
export async function askAuthority(deps: RightsDeps, id: string, actor: Actor, message: string) {
  const body = cleanText(message, 'message', { label: 'The message' });
  if (!body) throw new PledgeError('invalid_input', 'Say what evidence of authority you need (for example a signed letter of authority, a power of attorney, or evidence of parental responsibility).', { field: 'message' });
  return applyAction(deps, id, actor, 'ask_authority', async ({ trx, row, clock, declaration }) => {
    await messagePerson(trx, deps, row, declaration, {
      subject: `Evidence that you may act for someone (${requestRef(row)})`,
      paragraphs: [
        'This request was made on behalf of someone else. Before we can act on it we need evidence that you are entitled to act for them:',
        body,
        'The time we have to reply starts from the day we receive it. You can send it using the link below.',
      ],
      actor,
      linkLabel: 'Send the evidence',
    });
    return { summary: 'Evidence of authority to act for the person asked for: the period starts when it arrives (Art 12A)', body, clock: { ...clock, waitingFor: 'authority' as const } };
  });
}

/**
 * Records proof of identity, or evidence of authority to act for the person, received: the relevant time moves to that
 * day (Art 12A), when it was asked for. Identity moves a request awaiting identity; authority one awaiting authority.
 */
export async function recordIdentity(deps: RightsDeps, id: string, actor: Actor, input: { evidence: string; receivedOn?: string; kind?: 'identity_received' | 'authority_received' }) {
  const body = cleanText(input.evidence, 'evidence', { label: 'The evidence' });
  if (!body) throw new PledgeError('invalid_input', 'Describe the evidence received (e.g. "copy of passport checked, not kept").', { field: 'evidence' });
  const kind = input.kind ?? 'identity_received';
  const waitsFor = kind === 'identity_received' ? 'identity' : 'authority';
  return applyAction(deps, id, actor, kind, async ({ trx, clock, today, row }) => {
    // Receipt is when the proof arrived, not when staff got to it (Art 12A; ICO right of access guidance: the period
    // begins when you receive the information): by default, the last document the person uploaded since we asked.
    let uploadedOn: string | undefined;
    if (input.receivedOn === undefined && clock.waitingFor === waitsFor) {
      const asked = await trx.selectFrom('rights_request_events').select(['id']).where('request_id', '=', row.id).where('kind', '=', waitsFor === 'identity' ? 'ask_identity' : 'ask_authority').orderBy('id', 'desc').limit(1).executeTakeFirst();
      const sent = await trx.selectFrom('rights_request_events').select(['id', 'at', 'data']).where('request_id', '=', row.id).where('kind', '=', 'identity.proof_sent').orderBy('id', 'desc').execute();
      const proof = sent.find((e) => (!asked || BigInt(e.id) > BigInt(asked.id)) && typeof (e.data as { documentId?: unknown } | null)?.documentId === 'string');
      if (proof) uploadedOn = londonDate(new Date(proof.at));
    }
    const date = input.receivedOn ?? uploadedOn ?? today;
    if (date > today) throw new PledgeError('invalid_input', `The evidence cannot have arrived in the future (${date}).`, { field: 'receivedOn' });
    if (row.received_on && date < row.received_on) throw new PledgeError('invalid_input', `The evidence cannot have arrived before the request (${row.received_on}).`, { field: 'receivedOn' });
    const what = kind === 'identity_received' ? 'Proof of identity' : 'Evidence of authority';
    // Only information the controller asked for (Art 12(6), ask_identity; ask_authority, or a request made for someone
    // else) moves the relevant time (Art 12A); evidence recorded without having been asked for is evidence only, or
    // staff could buy time (even after an extension).
    if (clock.waitingFor !== waitsFor) {
      return { summary: `${what} received on ${formatDate(date)}, not asked for: recorded; the period does not change (Art 12A)`, body, data: { receivedOn: date, kind, movesClock: false } };
    }
    const next: RequestClockState = { ...clock, waitingFor: null, relevantTimeEvents: [...clock.relevantTimeEvents, { kind, date }] };
    return { summary: `${what} received on ${formatDate(date)}: the period runs from that day (Art 12A)`, body, clock: next, data: { receivedOn: date, kind } };
  });
}
