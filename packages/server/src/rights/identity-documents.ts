import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { defineJob } from '../jobs/define-job.js';
import { detectFileType, type FileKind } from '../replies/detect-file-type.js';
import { openFile, sealFile } from '../replies/file-encryption.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database, Timestamp } from '../store/database.js';
import { lockRequest, recordEvent } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { requestByStatusToken } from './status-link.js';

/** Row of rights_identity_documents (migration 0009). `name` is encrypted; `content` is the sealed file. Content, key and name go at the purge. */
export interface RightsIdentityDocumentsTable {
  id: string;
  request_id: string;
  name: string | null;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  data_key: string | null;
  content: Uint8Array | null;
  created_at: Timestamp;
  purged_at: Timestamp | null;
}

declare module '../store/database.js' {
  interface Database {
    rights_identity_documents: RightsIdentityDocumentsTable;
  }
}

type Db = Kysely<Database> | Transaction<Database>;
const TABLE = 'rights_identity_documents';

/** What proof of identity may be: a scan or a photograph. Text, archives and office files are refused (OWASP File Upload: allow-list by content). */
export const IDENTITY_KINDS: readonly FileKind[] = ['pdf', 'png', 'jpeg', 'gif', 'webp'];
export const IDENTITY_ALLOWED_LIST = 'a PDF, or a PNG, JPEG, GIF or WebP image';
/** Documents one request may hold: enough for a passport and a utility bill, and a few retries; not a storage service. */
export const MAX_DOCUMENTS_PER_REQUEST = 10;

export interface IdentityDocument {
  id: string;
  requestId: string;
  /** null once purged. */
  name: string | null;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  purgedAt: string | null;
}

function toDocument(cipher: ServiceDeps['cipher'], r: Omit<Selectable<RightsIdentityDocumentsTable>, 'content' | 'data_key'>): IdentityDocument {
  return {
    id: r.id,
    requestId: r.request_id,
    name: r.name === null ? null : cipher.decrypt(r.name, `${TABLE}.name`),
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    createdAt: new Date(r.created_at).toISOString(),
    purgedAt: r.purged_at ? new Date(r.purged_at).toISOString() : null,
  };
}

const META = ['id', 'request_id', 'name', 'content_type', 'size_bytes', 'sha256', 'created_at', 'purged_at'] as const;

export interface IdentityProofInput {
  file?: { bytes: Uint8Array; name: string; declaredType?: string | undefined } | undefined;
  answer?: string | undefined;
}

/**
 * The person sends proof of identity (or of authority to act for someone) from their status page, after staff asked
 * for it (UK GDPR Art 12(6); ICO right of access guidance: ask only for what is proportionate). A document must be a
 * PDF or an image, checked by its content, at most PLEDGE_IDENTITY_FILE_MAX_BYTES; it is sealed at rest. The upload
 * and its timeline and audit entries commit together. Staff then look at it and record identity received, which
 * moves the relevant time (Art 12A); nothing here moves the clock.
 */
export async function submitIdentityProof(deps: Pick<ServiceDeps, 'store' | 'clock' | 'cipher' | 'config'>, token: string, input: IdentityProofInput, actor: Actor): Promise<{ requestId: string; document: IdentityDocument | null }> {
  const r = await requestByStatusToken(deps, token);
  const answer = input.answer ? cleanText(input.answer, 'answer', { label: 'Your message' }) : '';
  const file = input.file && input.file.bytes.byteLength > 0 ? input.file : undefined;
  if (!file && !answer) throw new PledgeError('invalid_input', 'Choose a document to send, or write a message.', { field: 'document' });
  const max = deps.config.identityFileMaxBytes;
  if (file && file.bytes.byteLength > max) throw tooLarge(max);
  const detected = file
    ? detectFileType(file.bytes, file.name, file.declaredType, {
        allow: IDENTITY_KINDS,
        allowedList: IDENTITY_ALLOWED_LIST,
        what: 'we can accept as proof of identity',
        advice: 'Scan or photograph the document and save it as a PDF or a JPEG or PNG picture, then send it again.',
      })
    : undefined;
  return deps.store.db.transaction().execute(async (trx) => {
    const row = await lockRequest(trx, r.id);
    if (row.status !== 'awaiting_identity' && row.status !== 'awaiting_authority') throw new PledgeError('conflict', 'We are not waiting for proof of identity or of authority on this request, so there is nothing to send. Reply to our last email if you want to tell us something.', { status: row.status });
    const proves = row.status === 'awaiting_authority' ? { what: 'evidence of authority to act for the person', record: 'authority received (Art 12A)' } : { what: 'proof of identity', record: 'identity received (Art 12(6))' };
    let document: IdentityDocument | null = null;
    if (file && detected) {
      const held = await trx.selectFrom(TABLE).select((eb) => eb.fn.countAll<string>().as('n')).where('request_id', '=', row.id).where('purged_at', 'is', null).executeTakeFirstOrThrow();
      if (Number(held.n) >= MAX_DOCUMENTS_PER_REQUEST) throw new PledgeError('conflict', `We already have ${MAX_DOCUMENTS_PER_REQUEST} documents for this request, the most we accept. We will be in touch once we have checked them.`, { field: 'document' });
      const id = randomUUID();
      const { dataKey, content } = sealFile(deps.cipher, id, file.bytes, TABLE);
      const values = {
        id,
        request_id: row.id,
        name: deps.cipher.encrypt(detected.name, `${TABLE}.name`),
        content_type: detected.contentType,
        size_bytes: String(file.bytes.byteLength),
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        data_key: dataKey,
        content,
        created_at: deps.clock.now(),
        purged_at: null,
      };
      await trx.insertInto(TABLE).values(values).execute();
      document = toDocument(deps.cipher, values);
    }
    // The timeline (and audit) entry: type, size and hash only; the name may identify the person, the message is encrypted.
    await recordEvent(trx, deps, {
      requestId: row.id,
      actor,
      kind: 'identity.proof_sent',
      summary: document
        ? `The person sent a document as ${proves.what} (${document.contentType}, ${document.sizeBytes} bytes)${answer ? ' with a message' : ''}: check it, then record ${proves.record}`
        : `The person replied about ${proves.what}: check it and record it if it is enough`,
      ...(answer ? { body: answer } : {}),
      data: document ? { documentId: document.id, contentType: document.contentType, sizeBytes: document.sizeBytes, sha256: document.sha256 } : {},
    });
    return { requestId: row.id, document };
  });
}

export function tooLarge(max: number): PledgeError {
  const mb = Math.round((max / 1024 / 1024) * 10) / 10;
  return new PledgeError('payload_too_large', `The document is larger than ${mb} MB, the most we accept. Send a smaller scan or photo (a lower resolution, or one page at a time).`, { maxBytes: max, field: 'document' });
}

/** Documents a request holds (metadata only), oldest first; the person's status page shows only how many. */
export async function listIdentityDocuments(db: Db, cipher: ServiceDeps['cipher'], requestId: string): Promise<IdentityDocument[]> {
  const rows = await db.selectFrom(TABLE).select(META).where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => toDocument(cipher, r));
}

/** A document's content for staff (rights:work): audited as "identity.document_read" in the same transaction as the read. */
export async function readIdentityDocument(deps: Pick<ServiceDeps, 'store' | 'clock' | 'cipher'>, requestId: string, documentId: string, actor: Actor): Promise<{ document: IdentityDocument; bytes: Buffer }> {
  return deps.store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom(TABLE).selectAll().where('id', '=', documentId).where('request_id', '=', requestId).executeTakeFirst();
    if (!row) throw new PledgeError('not_found', `Request ${requestId} has no identity document ${documentId}. GET /api/rights/requests/${requestId}/identity-documents lists them.`);
    if (!row.content || !row.data_key) throw new PledgeError('not_found', `Identity document ${documentId} was deleted on ${row.purged_at ? new Date(row.purged_at).toISOString().slice(0, 10) : 'purge'}, after the request closed (PLEDGE_IDENTITY_RETENTION_DAYS).`);
    const bytes = openFile(deps.cipher, row.id, row.data_key, row.content, TABLE);
    await recordEvent(trx, deps, { requestId, actor, kind: 'identity.document_read', summary: 'Proof of identity opened by staff', data: { documentId: row.id } });
    return { document: toDocument(deps.cipher, row), bytes };
  });
}

/**
 * Deletes the content, key and name of every identity document of a request closed (completed or refused) more than
 * PLEDGE_IDENTITY_RETENTION_DAYS ago: proof of identity is needed to act on the request, not after (UK GDPR Art 5(1)(c)
 * data minimisation, 5(1)(e) storage limitation; ICO right of access guidance: do not keep ID longer than needed).
 * The row stays with type, size and hash as evidence that proof was received. One timeline entry per request.
 */
export async function purgeIdentityDocuments(deps: Pick<ServiceDeps, 'store' | 'clock' | 'cipher' | 'config'>): Promise<number> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.config.identityRetentionDays * 86_400_000);
  return deps.store.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable(TABLE)
      .set({ content: null, data_key: null, name: null, purged_at: now })
      .where('purged_at', 'is', null)
      .where('request_id', 'in', (eb) => eb.selectFrom('rights_requests').select('id').where('status', 'in', ['completed', 'refused']).where('completed_at', '<=', cutoff))
      .returning(['id', 'request_id'])
      .execute();
    const byRequest = new Map<string, string[]>();
    for (const r of rows) byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), r.id]);
    for (const [requestId, documentIds] of byRequest) {
      await recordEvent(trx, deps, {
        requestId,
        actor: { type: 'system', id: 'rights.identity-purge' },
        kind: 'identity.documents_purged',
        summary: `${documentIds.length} identity document${documentIds.length === 1 ? '' : 's'} deleted ${deps.config.identityRetentionDays} days after the request closed (Art 5(1)(c), (e))`,
        data: { documentIds },
      });
    }
    return rows.length;
  });
}

/** Every day at 02:29: delete identity documents of requests closed more than PLEDGE_IDENTITY_RETENTION_DAYS ago. */
export const identityPurgeJob = defineJob({
  name: 'rights.identity-purge',
  version: 1,
  payload: z.object({}),
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  policy: 'singleton',
  schedule: { cron: '29 2 * * *', payload: {} },
  handler: async (_payload, ctx) => ({ purged: await purgeIdentityDocuments(ctx.deps) }),
});

