import type { Timestamp } from '../store/database.js';

export type MailStatus = 'queued' | 'sent' | 'failed';

/** Row of mail_messages (migration 0003-mail). */
export interface MailMessagesTable {
  id: string;
  to_address: string;
  subject: string;
  template: string;
  text_body: string | null;
  html_body: string | null;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  message_id: string | null;
  outbox_path: string | null;
  job_id: string | null;
}

declare module '../store/database.js' {
  interface Database {
    mail_messages: MailMessagesTable;
  }
}
