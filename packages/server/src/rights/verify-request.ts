import type { RequestClockState } from '@pledge/core';
import type { Selectable } from 'kysely';
import { sha256Hex } from '../accounts/sha256-hex.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { applyAction, type RightsDeps } from './apply-action.js';
import { codeHash, MAX_CODE_ATTEMPTS, sameHash, UUID } from './create-request.js';
import { londonDate } from './rights-context.js';
import type { RightsVerificationsTable } from './rights-tables.js';
import { startRequest } from './start-request.js';

type Verification = Selectable<RightsVerificationsTable>;

/** Why a verification cannot be used (or null when it can), in words for the person. */
function unusable(v: Verification, now: Date): { code: 'conflict' | 'unprocessable'; reason: string; message: string } | null {
  if (v.used_at) return { code: 'conflict', reason: 'used', message: 'This code or link has already been used: each works once. If you sent the request, it is confirmed; check your email for our acknowledgement.' };
  if (v.superseded_at) return { code: 'unprocessable', reason: 'superseded', message: 'A newer code has been sent for this request: use the code in the most recent email.' };
  if (new Date(v.expires_at).getTime() <= now.getTime()) return { code: 'unprocessable', reason: 'expired', message: 'This code has expired. Ask for a new code below, or send the request again.' };
  if (v.attempts >= MAX_CODE_ATTEMPTS) return { code: 'unprocessable', reason: 'attempts', message: `A wrong code was entered ${MAX_CODE_ATTEMPTS} times, so this code no longer works. Ask for a new code below.` };
  return null;
}

/**
 * The person proved control of their email address: the request is received.
 *
 * When the clock starts (UK GDPR Art 12(3), 12(6) and 12A; ICO right of access guidance): the period runs from
 * receipt of the request, moved to the receipt of identity information the controller asked for. We take receipt
 * as the day the form was sent (received_on, day 0) and record the confirmation of the email address as the arrival
 * of identity information (an `identity_received` relevant-time event, Art 12(6)) on the day it happens. Both dates
 * are kept and shown in the record; a same-day confirmation (the code lasts 15 minutes) changes nothing, and a later
 * one moves day 0 to it, as the ICO allows for identity checks. Further proof can still be asked for by staff.
 */
async function receive(deps: RightsDeps, v: Verification, actor: Actor, how: 'code' | 'link'): Promise<{ requestId: string }> {
  const { row } = await applyAction(
    deps,
    v.request_id,
    actor,
    'verify',
    async ({ trx, row, now, declaration, settings }) => {
      const used = await trx.updateTable('rights_verifications').set({ used_at: now }).where('id', '=', v.id).where('used_at', 'is', null).returning('id').executeTakeFirst();
      if (!used) throw new PledgeError('conflict', 'This code or link has already been used: each works once.', { reason: 'used' });
      // The declaration in force when the request was sent (declaration_version): its region, promise, systems and recipients apply.
      const clock: RequestClockState = {
        receivedOn: londonDate(new Date(row.created_at)),
        relevantTimeEvents: [{ kind: 'identity_received', date: londonDate(now) }],
        pauses: [],
        extension: null,
        waitingFor: null,
      };
      // Someone acting for another person: the period starts when their authority is shown (Art 12A).
      const onBehalf = row.on_behalf_of_enc !== null;
      if (onBehalf) clock.waitingFor = 'authority';
      const started = await startRequest(trx, deps, row, { declaration, settings, clock, actor });
      return {
        summary: `Email address confirmed by ${how === 'code' ? 'one-time code' : 'emailed link'}: the request is received; acknowledgement sent${onBehalf ? '; made on behalf of someone else: evidence of authority asked for, the period starts when it arrives (Art 12A)' : ''}`,
        data: { via: how, declarationVersion: row.declaration_version, tasks: started.tasks, recipientsToNotify: started.recipientsToNotify, onBehalf },
        clock,
        ...(onBehalf ? { status: 'awaiting_authority' as const } : {}),
        set: { received_at: row.created_at, received_on: clock.receivedOn },
      };
    },
    { allowUnverified: true },
  );
  return { requestId: row.id };
}

/**
 * Claims one try before the code is compared, by a guarded update in its own statement (so the count survives the
 * refusal): guesses sent at the same moment each take a try, and none is compared once the tries are used up.
 * Returns the tries used, or null when none was left. The right code also takes a try (5 tries in all).
 */
async function claimAttempt(deps: RightsDeps, id: string): Promise<number | null> {
  const r = await deps.store.db
    .updateTable('rights_verifications')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', MAX_CODE_ATTEMPTS)
    .returning('attempts')
    .executeTakeFirst();
  return r ? r.attempts : null;
}

/** Checks the 6-digit code for a pending request: single use, 15 minutes, 5 attempts. */
export async function verifyCode(deps: RightsDeps, verificationId: string, code: string, actor: Actor): Promise<{ requestId: string }> {
  const v = UUID.test(verificationId) ? await deps.store.db.selectFrom('rights_verifications').selectAll().where('id', '=', verificationId).executeTakeFirst() : undefined;
  if (!v) throw new PledgeError('not_found', 'We cannot find this request. Start again from the privacy centre.');
  const bad = unusable(v, deps.clock.now());
  if (bad) throw new PledgeError(bad.code, bad.message, { reason: bad.reason });
  const given = code.replace(/\s+/g, '');
  const attempts = await claimAttempt(deps, v.id);
  if (attempts === null) {
    const used = unusable({ ...v, attempts: MAX_CODE_ATTEMPTS }, deps.clock.now())!;
    throw new PledgeError(used.code, used.message, { reason: used.reason });
  }
  if (!/^\d{6}$/.test(given) || !sameHash(codeHash(v.id, given), v.code_hash)) {
    const left = MAX_CODE_ATTEMPTS - attempts;
    throw new PledgeError(
      'invalid_input',
      left > 0 ? `That code is not right. Check the 6 digits in the email and try again (${left} ${left === 1 ? 'try' : 'tries'} left).` : `That code is not right, and it no longer works after ${MAX_CODE_ATTEMPTS} wrong tries. Ask for a new code below.`,
      { field: 'code', attemptsLeft: Math.max(0, left) },
    );
  }
  const { requestId } = await receive(deps, v, actor, 'code');
  return { requestId };
}

/** The emailed link: looks up its (hashed) token. Confirming needs a button press (POST), so mail scanners that open links confirm nothing. */
export async function findLinkVerification(deps: RightsDeps, token: string): Promise<Verification> {
  const v = /^[A-Za-z0-9_-]{43}$/.test(token) ? await deps.store.db.selectFrom('rights_verifications').selectAll().where('link_hash', '=', sha256Hex(token)).executeTakeFirst() : undefined;
  if (!v) throw new PledgeError('not_found', 'This link is not valid. Copy the whole link from the email, or start again from the privacy centre.');
  const bad = unusable(v, deps.clock.now());
  // A link has no tries to count; an exhausted code does not disable its link unless it expired or was used.
  if (bad && bad.reason !== 'attempts') throw new PledgeError(bad.code, bad.message, { reason: bad.reason });
  return v;
}

export async function confirmByLink(deps: RightsDeps, token: string, actor: Actor): Promise<{ requestId: string }> {
  const v = await findLinkVerification(deps, token);
  const { requestId } = await receive(deps, v, actor, 'link');
  return { requestId };
}
