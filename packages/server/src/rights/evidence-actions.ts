import { formatDate } from '@pledge/core';
import type { Actor } from '../audit/audit-entry.js';
import { applyAction, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { complaintRights, messagePerson, requestRef } from './message-person.js';
import { londonDate } from './rights-context.js';

type Evidence = 'identity' | 'authority';
const ASK_EVENT: Record<Evidence, 'ask_identity' | 'ask_authority'> = { identity: 'ask_identity', authority: 'ask_authority' };
const evidenceOf = (status: string): Evidence => (status === 'awaiting_authority' ? 'authority' : 'identity');

/**
 * The day the person was asked for the evidence a waiting request awaits: the latest ask_identity / ask_authority
 * event (London date), else the day the request was received (a request made for someone else asks for authority in
 * its acknowledgement).
 */
async function askedOn(db: RightsDeps['store']['db'], rows: { id: string; status: string; received_on: string | null; created_at: Date | string }[]) {
  const ids = rows.map((r) => r.id);
  const events = ids.length
    ? await db.selectFrom('rights_request_events').select(['request_id', 'kind', 'at']).where('request_id', 'in', ids).where('kind', 'in', ['ask_identity', 'ask_authority']).orderBy('id', 'desc').execute()
    : [];
  return new Map(
    rows.map((r) => {
      const ev = events.find((e) => e.request_id === r.id && e.kind === ASK_EVENT[evidenceOf(r.status)]);
      return [r.id, ev ? londonDate(new Date(ev.at)) : (r.received_on ?? londonDate(new Date(r.created_at)))] as const;
    }),
  );
}

/**
 * Requests awaiting proof of identity (Art 12(6)) or evidence of authority to act for the person (Art 12A) asked on or
 * before `askedOnOrBefore`, oldest ask first: for the reminders job to tell the assignee (or the privacy officers) to
 * chase the person or close the request. They have no due date while they wait, so due-date reminders never cover them.
 */
export async function awaitingEvidence(deps: Pick<RightsDeps, 'store'>, askedOnOrBefore: string): Promise<{ id: string; number: string; type: string; ref: string; assigneeId: string | null; evidence: Evidence; askedOn: string }[]> {
  const rows = (await deps.store.db.selectFrom('rights_requests').select(['id', 'number', 'type', 'status', 'assignee_id', 'received_on', 'created_at']).where('status', 'in', ['awaiting_identity', 'awaiting_authority']).execute()).map((r) => ({ ...r, number: String(r.number) }));
  const asked = await askedOn(deps.store.db, rows);
  return rows
    .map((r) => ({ id: r.id, number: r.number, type: r.type, ref: requestRef(r), assigneeId: r.assignee_id, evidence: evidenceOf(r.status), askedOn: asked.get(r.id)! }))
    .filter((r) => r.askedOn <= askedOnOrBefore)
    .sort((a, b) => a.askedOn.localeCompare(b.askedOn) || Number(a.number) - Number(b.number));
}

/**
 * Proof of identity (Art 12(6)) or evidence of authority to act for the person (Art 12A; ICO right of access guidance,
 * "requests made on behalf of others") was asked for and never came: the request is closed without acting on it (ICO:
 * you need not comply until you have the information you reasonably asked for). Recorded as refused with the reason
 * `identity_not_provided` or `authority_not_provided`; the person is told, may ask again with the evidence, and may
 * complain to the ICO (Art 12(4)).
 */
export async function closeEvidenceMissing(deps: RightsDeps, id: string, actor: Actor, note?: string) {
  const body = note === undefined ? '' : cleanText(note, 'note', { max: 5000, label: 'The note' });
  return applyAction(deps, id, actor, 'close_evidence_missing', async ({ trx, row, declaration, now }) => {
    const evidence = evidenceOf(row.status);
    const on = (await askedOn(trx, [row])).get(row.id)!;
    const what = evidence === 'identity' ? 'proof of your identity' : 'evidence that you may act for the person the request is about';
    await messagePerson(trx, deps, row, declaration, {
      subject: `Your request is closed (${requestRef(row)})`,
      paragraphs: [
        `On ${formatDate(on)} we asked for ${what} before acting on your request, and we have not received it, so we have closed the request without acting on it.`,
        `If you still want us to act, you can make the request again and send ${what} with it.`,
        complaintRights(declaration),
      ],
      actor,
    });
    const reason = `${evidence}_not_provided`;
    return {
      summary: `Closed: ${evidence === 'identity' ? 'proof of identity (Art 12(6))' : 'evidence of authority (Art 12A)'} asked on ${on} was not provided; the person was told they may ask again and complain to the ICO`,
      ...(body ? { body } : {}),
      data: { reason, askedOn: on },
      set: { completed_at: now },
    };
  });
}
