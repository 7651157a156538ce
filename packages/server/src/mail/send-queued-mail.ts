import { sql } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { JobContext } from '../jobs/define-job.js';
import './mail-deps.js';
import './mail-messages-table.js';

/** The host part of Message-IDs: the public address's host, so ids are unique to this installation. */
function messageIdHost(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'pledge.localhost';
  } catch {
    return 'pledge.localhost';
  }
}

/**
 * Sends one queued message (the mail.send job's handler). Idempotent: a message already sent is left alone, so a
 * job that runs twice sends once. The one window left is a crash between the server accepting the message and the
 * row being marked sent; the retry then sends it again with the same Message-ID, which receivers can deduplicate.
 */
export async function sendQueuedMail(payload: { mailId: string }, ctx: JobContext): Promise<{ sent: boolean; reason?: string }> {
  const { store, clock, config, mailer, cipher } = ctx.deps;
  const db = store.db;
  const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', payload.mailId).executeTakeFirst();
  // The row is written in the same transaction as the job, so it is missing only if someone deleted it.
  if (!row) return { sent: false, reason: 'no such message' };
  if (row.status === 'sent') return { sent: false, reason: 'already sent' };
  if (row.text_body === null || row.html_body === null) return { sent: false, reason: 'no body' };
  try {
    const result = await mailer.send({
      id: row.id,
      from: config.mailFrom,
      to: cipher.decrypt(row.to_address, 'mail_messages.to_address'),
      subject: cipher.decrypt(row.subject, 'mail_messages.subject'),
      text: cipher.decrypt(row.text_body, 'mail_messages.text_body'),
      html: cipher.decrypt(row.html_body, 'mail_messages.html_body'),
      messageId: `<${row.id}@${messageIdHost(config.publicUrl)}>`,
    });
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('mail_messages')
        .set({
          status: 'sent',
          sent_at: clock.now(),
          message_id: result.messageId,
          outbox_path: result.outboxPath,
          attempts: sql`attempts + 1`,
          last_error: null,
          // The body may hold one-time codes or links: keep it no longer than needed to send it.
          text_body: null,
          html_body: null,
        })
        .where('id', '=', row.id)
        .where('status', '<>', 'sent')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) {
        await appendAudit(trx, clock, {
          actor: { type: 'system', id: 'mail.send' },
          action: 'mail.sent',
          subject: { type: 'mail', id: row.id },
          details: { template: row.template, transport: mailer.kind, messageId: result.messageId, attempts: row.attempts + 1, jobId: ctx.jobId },
        });
      }
    });
    return { sent: true };
  } catch (e) {
    const message = (e as Error).message?.slice(0, 2000) || String(e);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('mail_messages')
        .set({ attempts: sql`attempts + 1`, last_error: message, ...(ctx.isFinalAttempt ? { status: 'failed' as const } : {}) })
        .where('id', '=', row.id)
        .where('status', '<>', 'sent')
        .execute();
      if (ctx.isFinalAttempt) {
        await appendAudit(trx, clock, { actor: { type: 'system', id: 'mail.send' }, action: 'mail.failed', subject: { type: 'mail', id: row.id }, details: { template: row.template, attempts: row.attempts + 1, jobId: ctx.jobId } });
      }
    });
    throw e;
  }
}
