import { sql, type Kysely } from 'kysely';

/**
 * Outgoing mail. A row is written with the job that sends it, in the caller's transaction. The rendered body is
 * kept only until the message is sent (it may hold one-time codes); the outbox file keeps the sent copy locally.
 */
export const migration0003Mail = {
  name: '0003-mail',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table mail_messages (
        id uuid primary key,
        to_address text not null,
        subject text not null,
        template text not null,
        text_body text,
        html_body text,
        status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
        attempts integer not null default 0,
        last_error text,
        created_at timestamptz not null,
        sent_at timestamptz,
        message_id text,
        outbox_path text,
        job_id text
      )`.execute(db);
    await sql`create index mail_messages_created on mail_messages (created_at desc, id desc)`.execute(db);
    await sql`create index mail_messages_status on mail_messages (status)`.execute(db);
  },
};
