import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { lockRequest, recordEvent, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { requestRef } from './message-person.js';

/** Locks both requests, in id order so two staff linking the same pair the other way round never deadlock. */
async function lockPair(trx: Parameters<typeof lockRequest>[0], id: string, otherId: string) {
  if (id === otherId) throw new PledgeError('invalid_input', 'A request cannot be linked to itself: give the id of the other request (otherId).', { field: 'otherId' });
  const [first, second] = id < otherId ? [id, otherId] : [otherId, id];
  const a = await lockRequest(trx, first);
  const b = await lockRequest(trx, second);
  return id < otherId ? { row: a, other: b } : { row: b, other: a };
}

/**
 * Links two requests by hand, when staff judge they come from the same person using different email addresses
 * (requests from one address are linked by its hash already). The link counts in each request's repeats in the last
 * 12 months, which inform the "manifestly excessive" judgement (UK GDPR Art 12(5); ICO: repetitive requests). Why
 * staff believe it is the same person is required: it is the record behind a later fee or refusal. Both requests get a
 * timeline and audit entry, in one transaction.
 */
export async function linkRequests(deps: RightsDeps, id: string, otherId: string, actor: Actor, reason: string) {
  const why = cleanText(reason, 'reason', { max: 2000, label: 'The reason' });
  if (!why) throw new PledgeError('invalid_input', 'Say why these requests come from the same person (reason), for example "same name and school, a new address".', { field: 'reason' });
  return deps.store.db.transaction().execute(async (trx) => {
    const { row, other } = await lockPair(trx, id, otherId);
    if (row.email_hash !== null && row.email_hash === other.email_hash) throw new PledgeError('conflict', `${requestRef(row)} and ${requestRef(other)} came from the same email address, so they are linked already.`);
    const now = deps.clock.now();
    const added = await trx
      .insertInto('rights_request_links')
      .values([
        { request_id: row.id, other_id: other.id, created_at: now, created_by: actor.id ?? null },
        { request_id: other.id, other_id: row.id, created_at: now, created_by: actor.id ?? null },
      ])
      .onConflict((oc) => oc.doNothing())
      .returning('request_id')
      .execute();
    if (added.length === 0) throw new PledgeError('conflict', `${requestRef(row)} and ${requestRef(other)} are linked already.`);
    for (const [a, b] of [
      [row, other],
      [other, row],
    ] as const) {
      await recordEvent(trx, deps, { requestId: a.id, actor, kind: 'linked', summary: `Linked by hand to ${requestRef(b)} (the same person, another address)`, body: why, data: { otherId: b.id }, at: now });
    }
    return { id: row.id, otherId: other.id, linked: true };
  });
}

/** Removes a link made by hand (a mistake), with a timeline and audit entry on both requests. */
export async function unlinkRequests(deps: RightsDeps, id: string, otherId: string, actor: Actor) {
  return deps.store.db.transaction().execute(async (trx) => {
    const { row, other } = await lockPair(trx, id, otherId);
    const gone = await trx
      .deleteFrom('rights_request_links')
      .where((eb) => eb.or([eb.and([eb('request_id', '=', row.id), eb('other_id', '=', other.id)]), eb.and([eb('request_id', '=', other.id), eb('other_id', '=', row.id)])]))
      .returning('request_id')
      .execute();
    if (gone.length === 0) throw new PledgeError('not_found', `${requestRef(row)} and ${requestRef(other)} are not linked by hand (requests from one address are linked by it, and cannot be unlinked).`);
    const now = deps.clock.now();
    for (const [a, b] of [
      [row, other],
      [other, row],
    ] as const) {
      await recordEvent(trx, deps, { requestId: a.id, actor, kind: 'unlinked', summary: `Link to ${requestRef(b)} removed`, data: { otherId: b.id }, at: now });
    }
    return { id: row.id, otherId: other.id, linked: false };
  });
}
