import type { Kysely, Selectable } from 'kysely';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Database } from '../store/database.js';
import type { MailMessagesTable, MailStatus } from './mail-messages-table.js';

/** A message as the API shows it (never the body). */
export interface MailInfo {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  messageId: string | null;
  outboxPath: string | null;
  jobId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rowToMail(r: Omit<Selectable<MailMessagesTable>, 'text_body' | 'html_body'>, cipher: FieldCipher): MailInfo {
  return {
    id: r.id,
    to: cipher.decrypt(r.to_address, 'mail_messages.to_address'),
    subject: cipher.decrypt(r.subject, 'mail_messages.subject'),
    template: r.template,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    messageId: r.message_id,
    outboxPath: r.outbox_path,
    jobId: r.job_id,
  };
}

const COLUMNS = ['id', 'to_address', 'subject', 'template', 'status', 'attempts', 'last_error', 'created_at', 'sent_at', 'message_id', 'outbox_path', 'job_id'] as const;

/** Messages newest first, a page at a time. */
export async function listMail(db: Kysely<Database>, cipher: FieldCipher, q: { limit: number; offset?: number; status?: MailStatus }): Promise<MailInfo[]> {
  let query = db
    .selectFrom('mail_messages')
    .select(COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(q.limit, 1), 500))
    .offset(Math.max(q.offset ?? 0, 0));
  if (q.status) query = query.where('status', '=', q.status);
  return (await query.execute()).map((r) => rowToMail(r, cipher));
}

/** One message, or null. */
export async function readMail(db: Kysely<Database>, cipher: FieldCipher, id: string): Promise<MailInfo | null> {
  if (!UUID.test(id)) return null;
  const row = await db.selectFrom('mail_messages').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? rowToMail(row, cipher) : null;
}
