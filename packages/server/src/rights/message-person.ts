import type { Declaration } from '@pledge/core';
import type { Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import { queueMail } from '../mail/queue-mail.js';
import { randomToken } from '../accounts/random-token.js';
import { sha256Hex } from '../accounts/sha256-hex.js';
import type { Database } from '../store/database.js';
import type { RequestRow, RightsDeps } from './apply-action.js';
import { PledgeError } from '../errors/pledge-error.js';
import { recordEvent } from './apply-action.js';
import { organisationName, publicLink } from './rights-context.js';
import { rightsNoticeTemplate } from './rights-mail-templates.js';

/** How long a status link works: long enough to follow a request extended to three months, and then some. */
export const STATUS_LINK_DAYS = 180;

/**
 * A new link to the person's status page: 256 random bits, stored as a SHA-256 hash with an expiry. The token is only
 * ever in the email it is sent in, so each message carries a fresh one (earlier links keep working until they expire).
 */
export async function newStatusLink(trx: Transaction<Database>, deps: Pick<RightsDeps, 'clock' | 'config'>, requestId: string): Promise<string> {
  const token = randomToken(32);
  const now = deps.clock.now();
  await trx
    .insertInto('rights_status_tokens')
    .values({ token_hash: sha256Hex(token), request_id: requestId, created_at: now, expires_at: new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000) })
    .execute();
  return publicLink(deps, `/privacy/requests/status/${token}`);
}

/** The person's email address, decrypted; refused for a request taken by letter or phone without one. */
export function personEmail(deps: Pick<RightsDeps, 'cipher'>, row: Pick<RequestRow, 'email_enc' | 'number'>): string {
  if (row.email_enc === null) throw new PledgeError('conflict', `${requestRef(row)} has no email address (it came by letter or phone): reply by post or phone, and record what was sent as a note.`, { reason: 'no_email' });
  return deps.cipher.decrypt(row.email_enc, 'rights_requests.email_enc');
}

/** How to reach the person, for staff: the email address, else the postal address or phone note taken at intake. */
export function personContact(deps: Pick<RightsDeps, 'cipher'>, row: Pick<RequestRow, 'email_enc' | 'contact_enc'>): string {
  if (row.email_enc !== null) return deps.cipher.decrypt(row.email_enc, 'rights_requests.email_enc');
  return row.contact_enc === null ? 'no contact details' : deps.cipher.decrypt(row.contact_enc, 'rights_requests.contact_enc');
}

/**
 * Emails the person about their request, in the caller's transaction, with a new link to the status page. A request
 * taken by letter or phone may have no email address: the message is then kept on the timeline (encrypted) for staff
 * to send by post or read out, and no mail is queued.
 */
export async function messagePerson(
  trx: Transaction<Database>,
  deps: RightsDeps,
  row: RequestRow,
  declaration: Declaration | undefined,
  msg: { subject: string; paragraphs: string[]; actor: Actor; statusLink?: boolean; linkLabel?: string },
): Promise<{ mailId: string | null }> {
  if (row.email_enc === null) {
    await recordEvent(trx, deps, { requestId: row.id, actor: msg.actor, kind: 'not_emailed', summary: `No email address: send "${msg.subject}" by post, or tell the person by phone`, body: [msg.subject, ...msg.paragraphs].join('\n\n') });
    return { mailId: null };
  }
  const link = msg.statusLink === false ? undefined : { url: await newStatusLink(trx, deps, row.id), label: msg.linkLabel ?? 'See your request and what happens next' };
  const { id } = await queueMail(trx, deps, {
    to: personEmail(deps, row),
    template: rightsNoticeTemplate,
    vars: { subject: msg.subject, paragraphs: msg.paragraphs, ...(link ? { link } : {}) },
    actor: msg.actor,
    organisationName: organisationName(deps, declaration),
  });
  return { mailId: id };
}

/** The request's reference as people see it: R-42. */
export const requestRef = (row: Pick<RequestRow, 'number'>): string => `R-${row.number}`;

/** The right to complain, which a refusal must state (UK GDPR Art 12(4); Art 77, Art 79; DPA 2018 s.165-167). */
export function complaintRights(declaration: Declaration | undefined): string {
  const ico = declaration?.complaints?.ico?.url ?? 'https://ico.org.uk/make-a-complaint/';
  return `You have the right to complain to the Information Commissioner's Office (ICO), the UK regulator, at ${ico} (telephone 0303 123 1113), and the right to seek to enforce your rights through a court (judicial remedy).`;
}
