import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { REQUEST_TYPE_WORDS, type RequestClockState, type RequestType } from '@pledge/core';
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
  await sql`select pg_advisory_xact_lock(hashtext(${`rights-code|${row.email_hash}`}))`.execute(trx);
  const sent = await trx.selectFrom('rights_verifications').select((eb) => eb.fn.countAll<string>().as('n')).where('email_hash', '=', row.email_hash).where('created_at', '>', hourAgo).executeTakeFirstOrThrow();
  if (Number(sent.n) >= CODES_PER_ADDRESS_PER_HOUR) {
    throw new PledgeError('rate_limited', `We have already sent ${CODES_PER_ADDRESS_PER_HOUR} codes to this email address in the last hour. Use the newest code we sent, or try again in an hour.`, { reason: 'address_limit' });
  }
  await trx.updateTable('rights_verifications').set({ superseded_at: now }).where('request_id', '=', row.id).where('used_at', 'is', null).where('superseded_at', 'is', null).execute();
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const linkToken = randomToken(32);
  await trx
    .insertInto('rights_verifications')
    .values({ id, request_id: row.id, email_hash: row.email_hash, ip_hash: ip, code_hash: codeHash(id, code), link_hash: sha256Hex(linkToken), created_at: now, expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000) })
    .execute();
  const current = await versionInForce(trx);
  await queueMail(trx, deps, {
    to: deps.cipher.decrypt(row.email_enc, 'rights_requests.email_enc'),
    template: rightsCodeTemplate,
    vars: { code, link: publicLink(deps, `/privacy/requests/confirm/${linkToken}`), minutes: CODE_MINUTES, requestTitle: REQUEST_TYPE_WORDS[row.type as RequestType].title.toLowerCase() },
    actor,
    organisationName: organisationName(deps, current?.declaration),
  });
  return { verificationId: id };
}

/**
 * A request from the privacy centre, before the person has confirmed their email address. It is stored (encrypted)
 * with status "unverified" and a code is emailed; staff see it, and the clock runs, only once it is confirmed.
 */
export async function createRequest(deps: RightsDeps, input: NewRequestInput, actor: Actor): Promise<{ requestId: string; verificationId: string }> {
  const words = REQUEST_TYPE_WORDS[input.type];
  const email = checkEmail(input.email);
  const details = input.details === undefined ? '' : cleanText(input.details, 'details', { label: 'Your message' });
  if (words.detailsRequired && !details) throw new PledgeError('invalid_input', `${words.detailsLabel.replace(/\?$/, '')}: please tell us, so we can act on your request.`, { field: 'details' });
  const name = input.name === undefined ? '' : cleanText(input.name, 'name', { max: 200, label: 'Your name' });
  const customerName = input.customerName === undefined ? '' : cleanText(input.customerName, 'customerName', { max: 300, label: 'The organisation\'s name' });
  const ipKey = ipHash(deps, actor.ip);
  const now = deps.clock.now();
  return deps.store.db.transaction().execute(async (trx) => {
    const current = await versionInForce(trx);
    let activity: string | null = null;
    if (input.processorActivity) {
      const a = current?.declaration.processor_activities.find((p) => p.id === input.processorActivity);
      if (!a) throw new PledgeError('invalid_input', 'Choose whose data this is about from the list on the form.', { field: 'processorActivity' });
      activity = a.id;
    }
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
        email_enc: deps.cipher.encrypt(email, 'rights_requests.email_enc'),
        email_hash: emailHash(email),
        name_enc: name ? deps.cipher.encrypt(name, 'rights_requests.name_enc') : null,
        details_enc: details ? deps.cipher.encrypt(details, 'rights_requests.details_enc') : null,
        direct_marketing: input.type === 'objection' && input.directMarketing === true,
        declaration_version: current?.version ?? null,
        processor_activity: activity,
        customer_name_enc: customerName ? deps.cipher.encrypt(customerName, 'rights_requests.customer_name_enc') : null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, deps, { requestId: id, actor, kind: 'submitted', summary: `Request sent from the privacy centre: ${words.title.toLowerCase()}`, data: { type: input.type, processorActivity: activity } });
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
