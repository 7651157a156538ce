import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { REQUEST_TYPE_WORDS, type Declaration, type RequestClockState, type RequestType } from '@pledge/core';
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { normaliseEmail } from '../accounts/normalise-email.js';
import { randomToken } from '../accounts/random-token.js';
import { sha256Hex } from '../accounts/sha256-hex.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { queueMail } from '../mail/queue-mail.js';
import type { Database } from '../store/database.js';
import { recordEvent, type RequestRow, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { emailHash, ipHash, londonDate, organisationName, publicLink, versionInForce } from './rights-context.js';
import { rightsCodeTemplate } from './rights-mail-templates.js';
import { personEmail } from './message-person.js';

/** A code works for 15 minutes and 5 tries (OWASP Forgot Password / MFA guidance: short-lived, attempt-limited). */
export const CODE_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
/** Codes sent to one address per hour, and new requests from one client address per hour. */
export const CODES_PER_ADDRESS_PER_HOUR = 3;
export const REQUESTS_PER_IP_PER_HOUR = 10;

export interface NewRequestInput {
  type: RequestType;
  email: string;
  name?: string;
  details?: string;
  /** Objection: it covers direct marketing (stops at once, Art 21(3)). */
  directMarketing?: boolean;
  /** Processor mode: the declared processor activity the data is held under, and the customer the person names. */
  processorActivity?: string;
  customerName?: string;
  /** Someone asks for another person: that person's name and the requester's relationship to them. */
  onBehalfOf?: OnBehalfOf;
}

const StrictEmail = z.email();

/** The email address, normalised, or an error that says what is wrong with it. */
export function checkEmail(email: string): string {
  if (!email.trim()) throw new PledgeError('invalid_input', 'Enter your email address, so we can confirm it is you and reply.', { field: 'email' });
  const e = normaliseEmail(email);
  if (!StrictEmail.safeParse(e).success) throw new PledgeError('invalid_input', `"${email.trim().slice(0, 80)}" is not an email address we can write to: write it as name@example.com.`, { field: 'email' });
  return e;
}

const codeHash = (verificationId: string, code: string) => sha256Hex(`${verificationId}:${code}`);

/**
 * Sends a new one-time code and link for a request, replacing any earlier ones (only the newest works). Refused
 * when the address has had too many codes in the last hour, so the form cannot be used to flood someone's inbox.
 */
export async function issueVerification(trx: Transaction<Database>, deps: RightsDeps, row: RequestRow, ip: string | null, actor: Actor): Promise<{ verificationId: string }> {
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  // Serialise issuing per address, so two concurrent submissions cannot both pass the count.
  if (row.email_hash === null || row.email_enc === null) throw new PledgeError('conflict', 'This request has no email address to send a code to.');
  const emailHashValue = row.email_hash;
  await sql`select pg_advisory_xact_lock(hashtext(${`rights-code|${emailHashValue}`}))`.execute(trx);
  const sent = await trx.selectFrom('rights_verifications').select((eb) => eb.fn.countAll<string>().as('n')).where('email_hash', '=', emailHashValue).where('created_at', '>', hourAgo).executeTakeFirstOrThrow();
  if (Number(sent.n) >= CODES_PER_ADDRESS_PER_HOUR) {
    throw new PledgeError('rate_limited', `We have already sent ${CODES_PER_ADDRESS_PER_HOUR} codes to this email address in the last hour. Use the newest code we sent, or try again in an hour.`, { reason: 'address_limit' });
  }
  await trx.updateTable('rights_verifications').set({ superseded_at: now }).where('request_id', '=', row.id).where('used_at', 'is', null).where('superseded_at', 'is', null).execute();
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const linkToken = randomToken(32);
  await trx
    .insertInto('rights_verifications')
    .values({ id, request_id: row.id, email_hash: emailHashValue, ip_hash: ip, code_hash: codeHash(id, code), link_hash: sha256Hex(linkToken), created_at: now, expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000) })
    .execute();
  const current = await versionInForce(trx);
  await queueMail(trx, deps, {
    to: personEmail(deps, row),
    template: rightsCodeTemplate,
    vars: { code, link: publicLink(deps, `/privacy/requests/confirm/${linkToken}`), minutes: CODE_MINUTES, requestTitle: REQUEST_TYPE_WORDS[row.type as RequestType].title.toLowerCase() },
    actor,
    organisationName: organisationName(deps, current?.declaration),
  });
  return { verificationId: id };
}

/** Someone asks for another person (ICO: requests made on behalf of others): whom it is about, and how they are related. */
export interface OnBehalfOf {
  /** The name of the person the request is about. */
  name: string;
  /** The requester's relationship to them: solicitor, parent, attorney, carer... */
  relationship: string;
}

/** The fields of a new request, checked and cleaned: an error names the field and says how to fix it. */
export interface CheckedRequest {
  type: RequestType;
  email: string | null;
  name: string;
  details: string;
  customerName: string;
  onBehalfOf: OnBehalfOf | null;
}

/** Checks a new request's fields, whoever enters them (the person on the form, or staff taking a letter or a call). */
export function checkRequestFields(input: NewRequestInput | (Omit<NewRequestInput, 'email'> & { email?: string | undefined }), opts: { emailRequired: boolean }): CheckedRequest {
  const words = REQUEST_TYPE_WORDS[input.type];
  const email = opts.emailRequired || (input.email !== undefined && input.email.trim() !== '') ? checkEmail(input.email ?? '') : null;
  const details = input.details === undefined ? '' : cleanText(input.details, 'details', { label: 'Your message' });
  if (words.detailsRequired && !details) throw new PledgeError('invalid_input', `${words.detailsLabel.replace(/\?$/, '')}: please tell us, so we can act on your request.`, { field: 'details' });
  const name = input.name === undefined ? '' : cleanText(input.name, 'name', { max: 200, label: 'Your name' });
  const customerName = input.customerName === undefined ? '' : cleanText(input.customerName, 'customerName', { max: 300, label: "The organisation's name" });
  let onBehalfOf: OnBehalfOf | null = null;
  if (input.onBehalfOf) {
    const who = cleanText(input.onBehalfOf.name, 'onBehalfName', { max: 200, label: 'Their name' });
    const relationship = cleanText(input.onBehalfOf.relationship, 'relationship', { max: 200, label: 'Your relationship to them' });
    if (!who) throw new PledgeError('invalid_input', 'Give the name of the person you are asking for, so we can find their data.', { field: 'onBehalfName' });
    if (!relationship) throw new PledgeError('invalid_input', 'Say how you are related to them or why you act for them (for example parent, solicitor, attorney).', { field: 'relationship' });
    onBehalfOf = { name: who, relationship };
  }
  return { type: input.type, email, name, details, customerName, onBehalfOf };
}

/** The stored columns of a checked request (personal data encrypted; the address also hashed, for linking and the suppression list). */
export function requestColumns(deps: Pick<RightsDeps, 'cipher'>, r: CheckedRequest) {
  const enc = (v: string, column: string) => deps.cipher.encrypt(v, `rights_requests.${column}`);
  return {
    email_enc: r.email === null ? null : enc(r.email, 'email_enc'),
    email_hash: r.email === null ? null : emailHash(r.email),
    name_enc: r.name ? enc(r.name, 'name_enc') : null,
    details_enc: r.details ? enc(r.details, 'details_enc') : null,
    customer_name_enc: r.customerName ? enc(r.customerName, 'customer_name_enc') : null,
    on_behalf_of_enc: r.onBehalfOf ? enc(r.onBehalfOf.name, 'on_behalf_of_enc') : null,
    relationship_enc: r.onBehalfOf ? enc(r.onBehalfOf.relationship, 'relationship_enc') : null,
  };
}

/** The declared processor activity a request names (processor mode), or an error that says where to choose it. */
export function processorActivityOf(declaration: Declaration | undefined, id: string | undefined): string | null {
  if (!id) return null;
  const a = declaration?.processor_activities.find((p) => p.id === id);
  if (!a) throw new PledgeError('invalid_input', 'Choose whose data this is about from the list on the form.', { field: 'processorActivity' });
  return a.id;
}

/**
 * A request from the privacy centre, before the person has confirmed their email address. It is stored (encrypted)
 * with status "unverified" and a code is emailed; staff see it, and the clock runs, only once it is confirmed.
 */
export async function createRequest(deps: RightsDeps, input: NewRequestInput, actor: Actor): Promise<{ requestId: string; verificationId: string }> {
  const words = REQUEST_TYPE_WORDS[input.type];
  const checked = checkRequestFields(input, { emailRequired: true });
  const ipKey = ipHash(deps, actor.ip);
  const now = deps.clock.now();
  return deps.store.db.transaction().execute(async (trx) => {
    const current = await versionInForce(trx);
    const activity = processorActivityOf(current?.declaration, input.processorActivity);
    if (ipKey) {
      const recent = await trx.selectFrom('rights_verifications').select((eb) => eb.fn.countAll<string>().as('n')).where('ip_hash', '=', ipKey).where('created_at', '>', new Date(now.getTime() - 3_600_000)).executeTakeFirstOrThrow();
      if (Number(recent.n) >= REQUESTS_PER_IP_PER_HOUR) throw new PledgeError('rate_limited', 'There have been too many requests from your network in the last hour. Try again later, or write to us by email.', { reason: 'ip_limit' });
    }
    const clock: RequestClockState = { receivedOn: londonDate(now), relevantTimeEvents: [], pauses: [], extension: null, waitingFor: null };
    const id = randomUUID();
    const row = await trx
      .insertInto('rights_requests')
      .values({
        id,
        type: input.type,
        status: 'unverified',
        created_at: now,
        clock: JSON.stringify(clock),
        ...requestColumns(deps, checked),
        direct_marketing: input.type === 'objection' && input.directMarketing === true,
        declaration_version: current?.version ?? null,
        processor_activity: activity,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, deps, {
      requestId: id,
      actor,
      kind: 'submitted',
      summary: `Request sent from the privacy centre: ${words.title.toLowerCase()}${checked.onBehalfOf ? ', on behalf of someone else' : ''}`,
      data: { type: input.type, processorActivity: activity, onBehalf: checked.onBehalfOf !== null },
    });
    const { verificationId } = await issueVerification(trx, deps, row, ipKey, actor);
    return { requestId: id, verificationId };
  });
}

/** Sends a new code for a pending request (the "send me a new code" button), within the same per-address limit. */
export async function resendCode(deps: RightsDeps, verificationId: string, actor: Actor): Promise<{ verificationId: string }> {
  return deps.store.db.transaction().execute(async (trx) => {
    const v = UUID.test(verificationId) ? await trx.selectFrom('rights_verifications').select(['request_id']).where('id', '=', verificationId).executeTakeFirst() : undefined;
    const row = v ? await trx.selectFrom('rights_requests').selectAll().where('id', '=', v.request_id).forUpdate().executeTakeFirst() : undefined;
    if (!row) throw new PledgeError('not_found', 'We cannot find this request. Start again from the privacy centre.');
    if (row.status !== 'unverified') throw new PledgeError('conflict', 'This request is already confirmed: there is no need for a new code.');
    const out = await issueVerification(trx, deps, row, ipHash(deps, actor.ip), actor);
    await recordEvent(trx, deps, { requestId: row.id, actor, kind: 'code_resent', summary: 'A new confirmation code was sent' });
    return out;
  });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export { codeHash };
