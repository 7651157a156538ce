import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../audit/audit-entry.js';
import '../crypto/cipher-deps.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { detectFileType } from './detect-file-type.js';
import { openFile, sealFile } from './file-encryption.js';
import { lockRequest, recordEvent } from '../rights/apply-action.js';
import type { ReplyFilesTable } from './reply-tables.js';
import './reply-tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What staff and the API see of a reply file (never its content). */
export interface ReplyFile {
  id: string;
  requestId: string;
  kind: 'upload' | 'package';
  systemId: string | null;
  systemName: string | null;
  providedByPerson: boolean;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  createdBy: { type: string; id: string | null };
  expiresAt: string | null;
  purgedAt: string | null;
}

/** Statuses in which a request's reply can no longer change. */
export const CLOSED = new Set(['completed', 'refused']);

/** Locks the request for the transaction (not_found for an unknown or unconfirmed one) and refuses a closed one. */
export async function openRequest(trx: Transaction<Database>, requestId: string) {
  const row = await lockRequest(trx, requestId);
  if (CLOSED.has(row.status)) throw new PledgeError('conflict', `Request R-${row.number} is ${row.status}: its reply can no longer change.`, { status: row.status });
  return row;
}

export const SystemId = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'a system id is lower case letters, digits, "_" or "-", e.g. "crm"');

export function toReplyFile(cipher: ServiceDeps['cipher'], r: Omit<Selectable<ReplyFilesTable>, 'content' | 'data_key'>): ReplyFile {
  return {
    id: r.id,
    requestId: r.request_id,
    kind: r.kind,
    systemId: r.system_id,
    systemName: r.system_name,
    providedByPerson: r.provided_by_person,
    name: cipher.decrypt(r.name, 'reply_files.name'),
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: { type: r.created_by_type, id: r.created_by_id },
    expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
    purgedAt: r.purged_at ? new Date(r.purged_at).toISOString() : null,
  };
}

const META = ['id', 'request_id', 'kind', 'system_id', 'system_name', 'provided_by_person', 'name', 'content_type', 'size_bytes', 'sha256', 'created_at', 'created_by_type', 'created_by_id', 'expires_at', 'purged_at'] as const;

export interface StoreReplyFileInput {
  requestId: string;
  kind: 'upload' | 'package';
  bytes: Uint8Array;
  name: string;
  contentType: string;
  systemId?: string | undefined;
  systemName?: string | undefined;
  providedByPerson?: boolean | undefined;
  actor: Actor;
}

/** Writes a file, encrypted, in the caller's transaction (no audit: the caller audits what it did). */
export async function storeReplyFile(trx: Transaction<Database>, deps: Pick<ServiceDeps, 'cipher' | 'clock'>, input: StoreReplyFileInput): Promise<ReplyFile> {
  const id = randomUUID();
  const { dataKey, content } = sealFile(deps.cipher, id, input.bytes);
  const row = {
    id,
    request_id: input.requestId,
    kind: input.kind,
    system_id: input.systemId ?? null,
    system_name: input.systemName ?? null,
    provided_by_person: input.providedByPerson ?? false,
    name: deps.cipher.encrypt(input.name, 'reply_files.name'),
    content_type: input.contentType,
    size_bytes: String(input.bytes.byteLength),
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    data_key: dataKey,
    content,
    created_at: deps.clock.now(),
    created_by_type: input.actor.type,
    created_by_id: input.actor.id ?? null,
    expires_at: null,
    purged_at: null,
  };
  await trx.insertInto('reply_files').values(row).execute();
  return toReplyFile(deps.cipher, row);
}

export interface AttachReplyFileInput {
  requestId: string;
  bytes: Uint8Array;
  /** The file's name as uploaded. */
  name: string;
  /** The Content-Type the client declared (a hint for CSV only; the content decides). */
  declaredType?: string | undefined;
  /** The system the data comes from (a task's system id), e.g. "crm". */
  systemId?: string | undefined;
  systemName?: string | undefined;
  /** True when the person gave us this data (it goes into a portability reply, Art 20(1)). */
  providedByPerson?: boolean | undefined;
  actor: Actor;
}

/**
 * Attaches a file to the reply to a request: size-limited (PLEDGE_REPLY_FILE_MAX_BYTES), type-checked by content
 * (detectFileType), encrypted at rest, audited as "reply.file_attached" in the same transaction.
 */
export async function attachReplyFile(deps: Pick<ServiceDeps, 'cipher' | 'clock' | 'config' | 'store'>, input: AttachReplyFileInput): Promise<ReplyFile> {
  const max = deps.config.replyFileMaxBytes;
  if (input.bytes.byteLength > max) {
    throw new PledgeError('payload_too_large', `The file is ${input.bytes.byteLength} bytes; a reply file may be at most ${max} bytes (PLEDGE_REPLY_FILE_MAX_BYTES). Split it (e.g. one file per system) or compress it as ZIP.`, {
      maxBytes: max,
    });
  }
  if (input.systemId !== undefined && !SystemId.safeParse(input.systemId).success) {
    throw new PledgeError('invalid_input', 'The system id must be lower case letters, digits, "_" or "-", starting with a letter, e.g. "crm".', { field: 'system' });
  }
  const detected = detectFileType(input.bytes, input.name, input.declaredType);
  return deps.store.db.transaction().execute(async (trx) => {
    await openRequest(trx, input.requestId);
    const file = await storeReplyFile(trx, deps, {
      requestId: input.requestId,
      kind: 'upload',
      bytes: input.bytes,
      name: detected.name,
      contentType: detected.contentType,
      systemId: input.systemId,
      systemName: input.systemName ?? input.systemId,
      providedByPerson: input.providedByPerson,
      actor: input.actor,
    });
    // The timeline entry and its audit entry. The name may identify the person: they keep id, type, size and hash only.
    await recordEvent(trx, deps, {
      requestId: input.requestId,
      actor: input.actor,
      kind: 'reply.file_attached',
      summary: `File attached to the reply (${file.contentType.split(';')[0]}, ${file.sizeBytes} bytes${file.systemName ? `, from ${file.systemName}` : ''})`,
      data: { fileId: file.id, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256, systemId: file.systemId },
    });
    return file;
  });
}

/** Files of a request, oldest first. */
export async function listReplyFiles(db: Db, cipher: ServiceDeps['cipher'], requestId: string, kind?: 'upload' | 'package'): Promise<ReplyFile[]> {
  let q = db.selectFrom('reply_files').select(META).where('request_id', '=', requestId);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => toReplyFile(cipher, r));
}

/** A file's metadata and decrypted content; not_found when it does not exist, belongs to another request, or was purged. */
export async function readReplyFile(db: Db, cipher: ServiceDeps['cipher'], requestId: string, fileId: string): Promise<{ file: ReplyFile; bytes: Buffer }> {
  const row = await db.selectFrom('reply_files').selectAll().where('id', '=', fileId).where('request_id', '=', requestId).executeTakeFirst();
  if (!row) throw new PledgeError('not_found', `Request ${requestId} has no reply file ${fileId}. GET /api/rights/requests/${requestId}/reply-files lists them.`);
  if (!row.content || !row.data_key) throw new PledgeError('not_found', `Reply file ${fileId} was deleted on ${row.purged_at ? new Date(row.purged_at).toISOString().slice(0, 10) : 'expiry'} after its link expired. Attach the data again to send a new reply.`);
  return { file: toReplyFile(cipher, row), bytes: openFile(cipher, row.id, row.data_key, row.content) };
}

/** Removes a staff upload that is not yet part of a delivered reply: its row goes, with an audit entry. */
export async function deleteReplyFile(deps: Pick<ServiceDeps, 'clock' | 'store' | 'cipher'>, requestId: string, fileId: string, actor: Actor): Promise<void> {
  await deps.store.db.transaction().execute(async (trx) => {
    await openRequest(trx, requestId);
    const linked = await trx.selectFrom('reply_links').select('id').where('file_id', '=', fileId).executeTakeFirst();
    if (linked) throw new PledgeError('conflict', 'This file was sent to the person through a download link; it is deleted when the link expires.');
    const gone = await trx.deleteFrom('reply_files').where('id', '=', fileId).where('request_id', '=', requestId).executeTakeFirst();
    if (!gone.numDeletedRows) throw new PledgeError('not_found', `Request ${requestId} has no reply file ${fileId}.`);
    await recordEvent(trx, deps, { requestId, actor, kind: 'reply.file_deleted', summary: 'File removed from the reply', data: { fileId } });
  });
}
