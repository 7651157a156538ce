import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { ServiceConfig } from '../config/service-config.js';

export interface OutgoingMail {
  /** The mail_messages id: names the outbox file. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable across retries, so a receiver can recognise a message delivered twice after a crash. */
  messageId: string;
}

export interface SentMail {
  messageId: string;
  /** Where the .eml was written, when sending to the outbox folder. */
  outboxPath: string | null;
}

/** Sends one message: over SMTP, or into the outbox folder. */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<SentMail>;
}

/**
 * The transport the configuration asks for: SMTP when `smtpUrl` is set, otherwise RFC 822 files in
 * `<dataDir>/outbox/<id>.eml` (readable by any mail client). One connection per message: no pool to keep alive
 * between the occasional mails Pledge sends, and nothing to close at shutdown.
 */
export function createMailTransport(config: Pick<ServiceConfig, 'smtpUrl' | 'dataDir'>): MailTransport {
  if (config.smtpUrl) {
    // Short timeouts: an unreachable server fails this attempt quickly and the job retries later. The URL's own
    // settings (user, password, ?secure=...) win over these defaults.
    const smtp = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as SMTPTransport.Options);
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await smtp.sendMail({ ...mail, headers: { 'X-Pledge-Mail-Id': mail.id } });
        return { messageId: info.messageId || mail.messageId, outboxPath: null };
      },
    };
  }
  const dir = join(config.dataDir, 'outbox');
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await stream.sendMail({ ...mail, headers: { 'X-Pledge-Mail-Id': mail.id } });
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${mail.id}.eml`);
      // Write then rename: a reader never sees half a message, and a retry overwrites the same file.
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, info.message as Buffer, { mode: 0o600 });
      renameSync(tmp, path);
      return { messageId: info.messageId || mail.messageId, outboxPath: path };
    },
  };
}
