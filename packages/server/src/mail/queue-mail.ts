import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import '../crypto/cipher-deps.js';
import '../jobs/jobs-deps.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import type { MailTemplate } from './define-mail-template.js';
import { mailSendJob } from './mail-send-job.js';
import './mail-messages-table.js';
import { renderMail } from './render-mail.js';

export interface QueueMailInput<V> {
  to: string;
  template: MailTemplate<V>;
  vars: V;
  /** Who caused the mail, for the audit trail. Default: the system. */
  actor?: Actor;
  /** Shown in the layout. Default: the display name of the configured sender (mailFrom). */
  organisationName?: string;
}

const Email = z.email();

/** "Acme Ltd <privacy@acme.test>" -> "Acme Ltd". */
function senderName(mailFrom: string): string {
  const m = /^\s*"?([^"<]+?)"?\s*</.exec(mailFrom);
  return m?.[1]?.trim() || 'Pledge';
}

/**
 * Queues an email in the caller's transaction: the message row and the job that sends it commit together, so
 * an acknowledged change never loses its mail and a rolled-back one sends nothing. Renders now (a template change
 * later does not alter a queued message). Audits "mail.queued" without the address or the body.
 * @returns the message id (GET /api/mail/:id) and the id of its mail.send job.
 */
export async function queueMail<V>(
  trx: Transaction<Database>,
  deps: Pick<ServiceDeps, 'clock' | 'config' | 'jobs' | 'cipher'>,
  input: QueueMailInput<V>,
): Promise<{ id: string; jobId: string }> {
  if (!Email.safeParse(input.to).success) throw new PledgeError('invalid_input', 'The recipient is not a valid email address.', { field: 'to' });
  const rendered = renderMail(input.template, input.vars, { organisationName: input.organisationName ?? senderName(deps.config.mailFrom) });
  const id = randomUUID();
  const jobId = await deps.jobs.enqueue(mailSendJob, { mailId: id }, { trx });
  if (!jobId) throw new Error('The mail.send job was not queued.');
  await trx
    .insertInto('mail_messages')
    .values({
      id,
      // Personal data at rest is encrypted, each column under its own context (docs/encryption.md).
      to_address: deps.cipher.encrypt(input.to, 'mail_messages.to_address'),
      subject: deps.cipher.encrypt(rendered.subject, 'mail_messages.subject'),
      template: input.template.name,
      text_body: deps.cipher.encrypt(rendered.text, 'mail_messages.text_body'),
      html_body: deps.cipher.encrypt(rendered.html, 'mail_messages.html_body'),
      status: 'queued',
      attempts: 0,
      created_at: deps.clock.now(),
      job_id: jobId,
    })
    .execute();
  await appendAudit(trx, deps.clock, {
    actor: input.actor ?? { type: 'system' },
    action: 'mail.queued',
    subject: { type: 'mail', id },
    details: { template: input.template.name, jobId },
  });
  return { id, jobId };
}
