import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { randomToken } from '../accounts/random-token.js';
import { sha256Hex } from '../accounts/sha256-hex.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import '../jobs/jobs-deps.js';
import { queueMail } from '../mail/queue-mail.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { openFile } from './file-encryption.js';
import { replyReadyTemplate } from './reply-mail-template.js';
import { recordEvent } from '../rights/apply-action.js';
import { personEmail } from '../rights/message-person.js';
import { toReplyFile, type ReplyFile } from './reply-files.js';
import type { ReplyLinksTable } from './reply-tables.js';

/**
 * 32 random bytes (256 bits), base64url: 43 characters. At least 128 bits makes a link unguessable (OWASP
 * Forgot Password / session ID entropy guidance); only its SHA-256 is stored, so a copy of the database opens nothing.
 */
export const LINK_TOKEN_BYTES = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface ReplyLink {
  id: string;
  requestId: string;
  fileId: string;
  createdAt: string;
  expiresAt: string;
  maxDownloads: number;
  downloads: number;
  lastDownloadAt: string | null;
  revokedAt: string | null;
}

function toLink(r: Selectable<ReplyLinksTable>): ReplyLink {
  return {
    id: r.id,
    requestId: r.request_id,
    fileId: r.file_id,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    maxDownloads: r.max_downloads,
    downloads: r.downloads,
    lastDownloadAt: r.last_download_at ? new Date(r.last_download_at).toISOString() : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  };
}

/**
 * Creates a download link to a reply file in the caller's transaction: a fresh token (returned once, never stored),
 * an expiry PLEDGE_REPLY_LINK_DAYS from now and a download limit PLEDGE_REPLY_MAX_DOWNLOADS. The file (and the
 * request's uploads, which it was built from) is then due for deletion when the link expires (Art 5(1)(e)).
 * Audited as "reply.link_created".
 */
export async function createReplyLink(
  trx: Transaction<Database>,
  deps: Pick<ServiceDeps, 'clock' | 'config' | 'cipher'>,
  input: { requestId: string; fileId: string; actor: Actor },
): Promise<{ link: ReplyLink; token: string; url: string }> {
  const file = await trx.selectFrom('reply_files').select(['id', 'purged_at']).where('id', '=', input.fileId).where('request_id', '=', input.requestId).executeTakeFirst();
  if (!file) throw new PledgeError('not_found', `Request ${input.requestId} has no reply file ${input.fileId}.`);
  if (file.purged_at) throw new PledgeError('conflict', `Reply file ${input.fileId} was deleted after its link expired. Build the package again.`);
  const token = randomToken(LINK_TOKEN_BYTES);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.replyLinkDays * 86_400_000);
  const row = {
    id: randomUUID(),
    request_id: input.requestId,
    file_id: input.fileId,
    token_hash: sha256Hex(token),
    created_at: now,
    expires_at: expiresAt,
    max_downloads: deps.config.replyMaxDownloads,
    downloads: 0,
    last_download_at: null,
    revoked_at: null,
  };
  await trx.insertInto('reply_links').values(row).execute();
  // Files expire with the latest link that reaches them; uploads go with the package they were sent in.
  await trx
    .updateTable('reply_files')
    .set({ expires_at: expiresAt })
    .where('request_id', '=', input.requestId)
    .where('purged_at', 'is', null)
    .where((eb) => eb.or([eb('id', '=', input.fileId), eb('kind', '=', 'upload')]))
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '<', expiresAt)]))
    .execute();
  await recordEvent(trx, deps, {
    requestId: input.requestId,
    actor: input.actor,
    kind: 'reply.link_created',
    summary: `Download link created: works until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${row.max_downloads} downloads`,
    data: { linkId: row.id, fileId: input.fileId, expiresAt: expiresAt.toISOString(), maxDownloads: row.max_downloads },
  });
  const url = `${deps.config.publicUrl.replace(/\/+$/, '')}/reply/${token}`;
  return { link: toLink(row), token, url };
}

export interface SendReplyInput {
  requestId: string;
  /** The package (or other reply files) to link to. */
  fileIds: readonly string[];
  message?: string | undefined;
  actor: Actor;
  organisationName?: string | undefined;
}

/**
 * Sends the reply files to the person, in the caller's transaction: a new download link per file and one email that
 * carries them, to the address the request was confirmed from (queued with its job, so all of it commits or none
 * does). On the request's timeline as "reply.sent" (without the address or the links).
 */
export async function sendReply(trx: Transaction<Database>, deps: Pick<ServiceDeps, 'clock' | 'config' | 'jobs' | 'cipher'>, input: SendReplyInput): Promise<{ links: ReplyLink[]; mailId: string }> {
  const ids = [...new Set(input.fileIds)];
  if (!ids.length) throw new PledgeError('invalid_input', 'Name at least one reply file to send (fileIds).', { field: 'fileIds' });
  const request = await lockRequestForReply(trx, input.requestId);
  // Proof of identity was asked for because of reasonable doubt (UK GDPR Art 12(6)): no data goes out until it is recorded.
  if (request.status === 'awaiting_identity') throw new PledgeError('conflict', `Request R-${request.number} is waiting for proof of identity: record it (POST .../identity/received) before sending the reply.`, { status: request.status });
  // Someone asks for another person: nothing of that person's goes out until their authority is shown (ICO guidance on
  // requests made on behalf of others; Art 12(6), Art 5(1)(f)).
  if (request.status === 'awaiting_authority') throw new PledgeError('conflict', `Request R-${request.number} is waiting for evidence that the requester may act for the person: record it (POST .../authority/received) before sending the reply.`, { status: request.status });
  const links: ReplyLink[] = [];
  const files: { name: string; url: string }[] = [];
  for (const fileId of ids) {
    if (!UUID.test(fileId)) throw new PledgeError('not_found', `Request R-${request.number} has no reply file ${fileId.slice(0, 64)}.`, { fileId: fileId.slice(0, 64) });
    const f = await trx.selectFrom('reply_files').select(['name']).where('id', '=', fileId).where('request_id', '=', input.requestId).executeTakeFirst();
    if (!f) throw new PledgeError('not_found', `Request R-${request.number} has no reply file ${fileId}. GET /api/rights/requests/${input.requestId}/reply-files lists them.`, { fileId });
    const { link, url } = await createReplyLink(trx, deps, { requestId: input.requestId, fileId, actor: input.actor });
    links.push(link);
    files.push({ name: deps.cipher.decrypt(f.name, 'reply_files.name'), url });
  }
  const type = request.type === 'access' || request.type === 'portability' ? request.type : 'other';
  const mail = await queueMail(trx, deps, {
    to: personEmail(deps, request),
    template: replyReadyTemplate,
    vars: { reference: `R-${request.number}`, requestType: type, files, expiresAt: links[0]!.expiresAt, maxDownloads: links[0]!.maxDownloads, ...(input.message ? { message: input.message } : {}) },
    actor: input.actor,
    ...(input.organisationName ? { organisationName: input.organisationName } : {}),
  });
  await recordEvent(trx, deps, {
    requestId: input.requestId,
    actor: input.actor,
    kind: 'reply.sent',
    summary: `Reply emailed with ${links.length} download link${links.length === 1 ? '' : 's'}`,
    data: { linkIds: links.map((l) => l.id), fileIds: ids, mailId: mail.id, expiresAt: links[0]!.expiresAt },
  });
  return { links, mailId: mail.id };
}

/** The request row for sending: it must exist, be confirmed and (unless completing now) still open. */
async function lockRequestForReply(trx: Transaction<Database>, requestId: string) {
  const row = await trx.selectFrom('rights_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!row || row.status === 'unverified') throw new PledgeError('not_found', `There is no rights request ${requestId}.`);
  if (row.status === 'refused') throw new PledgeError('conflict', `Request R-${row.number} was refused: there is no reply to send.`);
  return row;
}

export type LinkState =
  | { state: 'ready'; link: ReplyLink; file: ReplyFile }
  | { state: 'expired' | 'used_up' | 'revoked' | 'deleted'; link: ReplyLink; file: ReplyFile }
  | { state: 'unknown' };

type Db = Kysely<Database> | Transaction<Database>;

/** What a token opens, and whether it still works. Never throws for a bad token: the page explains. */
export async function lookupReplyLink(db: Db, deps: Pick<ServiceDeps, 'cipher' | 'clock'>, token: string): Promise<LinkState> {
  if (!TOKEN_PATTERN.test(token)) return { state: 'unknown' };
  const row = await db.selectFrom('reply_links').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row) return { state: 'unknown' };
  const f = await db
    .selectFrom('reply_files')
    .select(['id', 'request_id', 'kind', 'system_id', 'system_name', 'provided_by_person', 'name', 'content_type', 'size_bytes', 'sha256', 'created_at', 'created_by_type', 'created_by_id', 'expires_at', 'purged_at'])
    .where('id', '=', row.file_id)
    .executeTakeFirstOrThrow();
  const link = toLink(row);
  const file = toReplyFile(deps.cipher, f);
  if (row.revoked_at) return { state: 'revoked', link, file };
  if (new Date(row.expires_at).getTime() <= deps.clock.now().getTime()) return { state: 'expired', link, file };
  if (f.purged_at) return { state: 'deleted', link, file };
  if (row.downloads >= row.max_downloads) return { state: 'used_up', link, file };
  return { state: 'ready', link, file };
}

/**
 * Uses a link once: counts the download and audits "reply.downloaded" (who: the public, with the client address)
 * in one transaction, then returns the decrypted file. The count is taken by a guarded update, so two requests at
 * once cannot both use the last download, and an expired link (by the service clock) opens nothing.
 */
export async function downloadReply(deps: Pick<ServiceDeps, 'cipher' | 'clock' | 'store'>, token: string, actor: Actor): Promise<{ state: 'ok'; file: ReplyFile; bytes: Buffer; link: ReplyLink } | Exclude<LinkState, { state: 'ready' }>> {
  return deps.store.db.transaction().execute(async (trx) => {
    const found = await lookupReplyLink(trx, deps, token);
    if (found.state !== 'ready') return found;
    const now = deps.clock.now();
    const used = await trx
      .updateTable('reply_links')
      .set({ downloads: sql`downloads + 1`, last_download_at: now })
      .where('id', '=', found.link.id)
      .where('downloads', '<', sql<number>`max_downloads`)
      .where('expires_at', '>', now)
      .where('revoked_at', 'is', null)
      .returning(['downloads'])
      .executeTakeFirst();
    if (!used) return { ...found, state: 'used_up' as const };
    const row = await trx.selectFrom('reply_files').select(['data_key', 'content']).where('id', '=', found.file.id).executeTakeFirstOrThrow();
    const bytes = openFile(deps.cipher, found.file.id, row.data_key!, row.content!);
    await recordEvent(trx, deps, {
      requestId: found.link.requestId,
      actor,
      kind: 'reply.downloaded',
      summary: `Reply downloaded by the person (${used.downloads} of ${found.link.maxDownloads})`,
      data: { linkId: found.link.id, fileId: found.file.id, download: used.downloads, of: found.link.maxDownloads },
    });
    return { state: 'ok' as const, file: found.file, bytes, link: { ...found.link, downloads: used.downloads, lastDownloadAt: now.toISOString() } };
  });
}

/** Links of a request, newest first (never their tokens). */
export async function listReplyLinks(db: Db, requestId: string): Promise<ReplyLink[]> {
  const rows = await db.selectFrom('reply_links').selectAll().where('request_id', '=', requestId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toLink);
}

/** Stops a link at once (e.g. sent to a wrong address); audited. */
export async function revokeReplyLink(deps: Pick<ServiceDeps, 'clock' | 'store' | 'cipher'>, requestId: string, linkId: string, actor: Actor): Promise<void> {
  await deps.store.db.transaction().execute(async (trx) => {
    await lockRequestForReply(trx, requestId);
    const r = await trx.updateTable('reply_links').set({ revoked_at: deps.clock.now() }).where('id', '=', linkId).where('request_id', '=', requestId).where('revoked_at', 'is', null).executeTakeFirst();
    if (!r.numUpdatedRows) throw new PledgeError('not_found', `Request ${requestId} has no working link ${linkId}.`);
    await recordEvent(trx, deps, { requestId, actor, kind: 'reply.link_revoked', summary: 'Download link stopped', data: { linkId } });
  });
}
