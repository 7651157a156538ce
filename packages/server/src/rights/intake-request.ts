import { randomUUID } from 'node:crypto';
import { REQUEST_TYPE_WORDS, formatDate, type RequestClockState, type RequestStatus, type RequestType } from '@pledge/core';
import type { Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import type { Database } from '../store/database.js';
import { PledgeError } from '../errors/pledge-error.js';
import { clockColumns, recordEvent, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { checkRequestFields, processorActivityOf, requestColumns, type OnBehalfOf } from './create-request.js';
import { requestRef } from './message-person.js';
import { clockSettings, londonDate, storedClock, versionInForce } from './rights-context.js';
import { startRequest } from './start-request.js';

/** How a request taken by staff reached the organisation (the web form is `web`, and comes through the privacy centre). */
export const INTAKE_CHANNELS = ['email', 'letter', 'phone', 'in_person'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
/** Every channel a request can start through without the privacy centre's form: staff intake, and the preference centre. */
export type StartChannel = IntakeChannel | 'preference_centre';

const CHANNEL_WORDS: Record<IntakeChannel, string> = { email: 'by email', letter: 'by letter', phone: 'by phone', in_person: 'in person' };

export interface IntakeInput {
  channel: IntakeChannel;
  /** The day it arrived (day 0, Art 12(3)): not the day it is entered. YYYY-MM-DD, Europe/London. */
  receivedOn: string;
  type: RequestType;
  name: string;
  /** Required for a request by email; optional by letter, phone or in person, where `contact` then says how to reach the person. */
  email?: string | undefined;
  /** A postal address or a phone note (encrypted). */
  contact?: string | undefined;
  /** The person's own words (or a note of what they said on the phone). */
  details?: string | undefined;
  /** Whether staff are already satisfied who the person is (e.g. a known customer writing from the address on file). */
  identityVerified: boolean;
  /** How identity was checked, or why there is doubt. */
  identityNote?: string | undefined;
  directMarketing?: boolean | undefined;
  processorActivity?: string | undefined;
  customerName?: string | undefined;
  /** Someone acts for the person; `authorityVerified` when the evidence of their authority came with the request. */
  onBehalfOf?: (OnBehalfOf & { authorityVerified?: boolean | undefined }) | undefined;
}

/**
 * A request taken by staff from a person's first message by email, letter, phone or in person (ICO right of access
 * guidance: a request can be made in any form, to anyone in the organisation, in any words). It is `received` at once,
 * day 0 being the day it arrived (Art 12(3)), and gets what a confirmed web request gets (startRequest: tasks and Art 19
 * recipients from the declaration in force, a direct-marketing objection acted on, the acknowledgement by email when
 * there is an address, else kept on the timeline to post). Made for someone else without evidence of authority, it
 * waits for that evidence (awaiting_authority; the period runs from its arrival, Art 12A). Timeline and audit entries
 * in the same transaction.
 */
export async function intakeRequest(deps: RightsDeps, input: IntakeInput, actor: Actor): Promise<IntakeResult> {
  if (!(INTAKE_CHANNELS as readonly string[]).includes(input.channel)) throw new PledgeError('invalid_input', `The channel is one of ${INTAKE_CHANNELS.join(', ')} (requests from the web form come through the privacy centre).`, { field: 'channel' });
  return deps.store.db.transaction().execute((trx) => startTakenRequest(trx, deps, input, actor));
}

export type IntakeResult = { id: string; ref: string; status: RequestStatus; receivedOn: string; dueDate: string | null; acknowledged: 'email' | 'post' };

/**
 * What staff intake does, in the caller's transaction, for any channel that starts a request at once: staff intake
 * (intakeRequest) and an Art 21(1) objection made in the preference centre through the emailed link (channel
 * `preference_centre`: the person is known by the address the link went to, so no name is needed, and the timeline says
 * identity is treated as confirmed by that link; `objectionPurposes` are the declared purpose keys objected to).
 */
export async function startTakenRequest(
  trx: Transaction<Database>,
  deps: RightsDeps,
  input: Omit<IntakeInput, 'channel'> & { channel: StartChannel },
  actor: Actor,
  opts: { objectionPurposes?: readonly string[] } = {},
): Promise<IntakeResult> {
  const fromPreferences = input.channel === 'preference_centre';
  const checked = checkRequestFields(input, { emailRequired: input.channel === 'email' || fromPreferences });
  if (!checked.name && !fromPreferences) throw new PledgeError('invalid_input', "Give the person's name as they gave it.", { field: 'name' });
  const contact = input.contact === undefined ? '' : cleanText(input.contact, 'contact', { max: 2000, label: 'The contact details' });
  if (!checked.email && !contact) throw new PledgeError('invalid_input', 'Without an email address, give a postal address or a phone note (contact), so the person can be sent the acknowledgement and the reply.', { field: 'contact' });
  const identityNote = input.identityNote === undefined ? '' : cleanText(input.identityNote, 'identityNote', { max: 2000, label: 'The identity note' });
  const now = deps.clock.now();
  const today = londonDate(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) || Number.isNaN(Date.parse(`${input.receivedOn}T12:00:00Z`)) || new Date(`${input.receivedOn}T12:00:00Z`).toISOString().slice(0, 10) !== input.receivedOn) {
    throw new PledgeError('invalid_input', `receivedOn "${String(input.receivedOn).slice(0, 20)}" is not a date: write the day the request arrived as YYYY-MM-DD.`, { field: 'receivedOn' });
  }
  if (input.receivedOn > today) throw new PledgeError('invalid_input', `The request cannot have arrived in the future (${input.receivedOn}); today is ${today}. Give the day it arrived.`, { field: 'receivedOn' });
  const awaitingAuthority = checked.onBehalfOf !== null && input.onBehalfOf?.authorityVerified !== true;
  const words = REQUEST_TYPE_WORDS[input.type];
  const current = await versionInForce(trx);
  const declaration = current?.declaration;
  const activity = processorActivityOf(declaration, input.processorActivity);
  const settings = clockSettings(deps, declaration);
  // Day 0 is the day it arrived (Art 12(3); ICO: even a non-working day), however late it is entered.
  const clock: RequestClockState = { receivedOn: input.receivedOn, relevantTimeEvents: [], pauses: [], extension: null, waitingFor: awaitingAuthority ? 'authority' : null };
  const cols = clockColumns(clock, settings);
  const status: RequestStatus = awaitingAuthority ? 'awaiting_authority' : 'received';
  const id = randomUUID();
  const row = await trx
    .insertInto('rights_requests')
    .values({
      id,
      type: input.type,
      status,
      channel: input.channel,
      created_at: now,
      received_at: now,
      received_on: input.receivedOn,
      // The settings it was computed with are kept with it, as applyAction keeps them.
      clock: storedClock(clock, settings),
      relevant_time: cols.relevant_time,
      due_date: cols.due_date,
      deadline: cols.deadline === null ? null : new Date(cols.deadline),
      due_applied: cols.due_applied,
      paused_since: cols.paused_since,
      ...requestColumns(deps, checked),
      contact_enc: contact ? deps.cipher.encrypt(contact, 'rights_requests.contact_enc') : null,
      direct_marketing: input.type === 'objection' && input.directMarketing === true,
      declaration_version: current?.version ?? null,
      processor_activity: activity,
      objection_purposes: opts.objectionPurposes ? JSON.stringify(opts.objectionPurposes) : null,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, deps, {
    requestId: id,
    actor,
    kind: 'intake',
    summary: [
      fromPreferences
        ? `Objection made in the preference centre on ${formatDate(input.receivedOn)}: ${words.title.toLowerCase()}; day 0 is the day it was made (Art 12(3))`
        : `Request received ${CHANNEL_WORDS[input.channel as IntakeChannel]} on ${formatDate(input.receivedOn)} and logged by staff: ${words.title.toLowerCase()}; day 0 is the day it arrived (Art 12(3))`,
      fromPreferences
        ? 'identity treated as confirmed: it was made through the link emailed to the address on the request, which only the owner of that mailbox receives'
        : input.identityVerified
          ? 'identity already verified'
          : 'identity not verified: ask for proof if there is reasonable doubt (Art 12(6))',
      checked.onBehalfOf ? (awaitingAuthority ? 'made on behalf of someone else: the period starts when evidence of authority arrives (Art 12A)' : 'made on behalf of someone else, with evidence of authority') : '',
    ]
      .filter(Boolean)
      .join('; '),
    ...(identityNote ? { body: identityNote } : {}),
    data: { channel: input.channel, receivedOn: input.receivedOn, ...(opts.objectionPurposes ? { objectionPurposes: opts.objectionPurposes } : {}), type: input.type, identityVerified: input.identityVerified, onBehalf: checked.onBehalfOf !== null, awaitingAuthority, hasEmail: checked.email !== null, declarationVersion: current?.version ?? null, dueDate: cols.due_date },
  });
  const started = await startRequest(trx, deps, row, { declaration, settings, clock, actor });
  await recordEvent(trx, deps, { requestId: id, actor, kind: 'intake_started', summary: `${started.tasks} task${started.tasks === 1 ? '' : 's'} and ${started.recipientsToNotify} recipient${started.recipientsToNotify === 1 ? '' : 's'} to tell drawn from the declaration in force; acknowledgement ${checked.email ? 'emailed' : 'to be posted (see the timeline)'}`, data: started });
  return { id, ref: requestRef(row), status, receivedOn: input.receivedOn, dueDate: cols.due_date, acknowledged: checked.email ? 'email' : 'post' };
}
