import { sql, type Kysely } from 'kysely';

/**
 * Rights requests (issue 4): the requests, their timeline, one task per system, email verifications, Art 19
 * notifications to recipients, and the reminders already sent (so a reminder is never sent twice). Personal data
 * (the email address, the person's words, notes, evidence) is stored encrypted by the application; lookups use a
 * SHA-256 hash of the normalised address; tokens and codes are stored hashed, never in the clear. Calendar dates are
 * text (YYYY-MM-DD, checked): the clock works on calendar dates, and the drivers would turn a `date` into a JS Date
 * at local midnight (node-pg) or UTC midnight (PGlite); ISO text compares and sorts as dates do.
 */
export const migration0005Rights = {
  name: '0005-rights',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table rights_requests (
        id uuid primary key,
        number bigserial unique,
        type text not null check (type in ('access','rectification','erasure','restriction','portability','objection','withdraw_consent','other')),
        status text not null check (status in ('unverified','received','in_progress','awaiting_clarification','awaiting_identity','awaiting_fee','awaiting_customer','completed','refused')),
        created_at timestamptz not null,
        received_at timestamptz,
        received_on text check (received_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        relevant_time text check (relevant_time ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        due_date text check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        deadline timestamptz,
        due_applied text,
        paused_since text check (paused_since ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        paused_days integer not null default 0,
        extended boolean not null default false,
        clock jsonb not null,
        assignee_id text,
        email_enc text not null,
        email_hash text not null,
        name_enc text,
        details_enc text,
        declaration_version integer,
        direct_marketing boolean not null default false,
        processor_activity text,
        customer_name_enc text,
        customer_email_enc text,
        customer_due_date text check (customer_due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        approved_at timestamptz,
        approved_by text,
        completed_at timestamptz,
        reply_enc text,
        attachment_ids jsonb,
        updated_at timestamptz not null
      )`.execute(db);
    // The queue: open requests by due date (keyset pagination on (due_date, number)), and the linking of one person's requests.
    // Open requests in due order (no due date last), for keyset pagination on (due key, number).
    await sql`
      create index rights_requests_open_queue on rights_requests ((coalesce(due_date, '9999-99-99')), number)
      where status not in ('unverified', 'completed', 'refused')`.execute(db);
    await sql`create index rights_requests_status on rights_requests (status, number)`.execute(db);
    await sql`create index rights_requests_assignee on rights_requests (assignee_id, due_date)`.execute(db);
    await sql`create index rights_requests_email on rights_requests (email_hash, created_at)`.execute(db);
    // Links to the person's status page: one per email sent to them, each a 256-bit random token stored as its SHA-256
    // hash, each expiring. A new link per message, because the token itself is never stored and cannot be re-sent.
    await sql`
      create table rights_status_tokens (
        token_hash text primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        created_at timestamptz not null,
        expires_at timestamptz not null
      )`.execute(db);
    await sql`create index rights_status_tokens_request on rights_status_tokens (request_id)`.execute(db);
    await sql`
      create table rights_request_events (
        id bigserial primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        at timestamptz not null,
        actor_type text not null,
        actor_id text,
        kind text not null,
        summary text not null,
        body_enc text,
        data jsonb
      )`.execute(db);
    await sql`create index rights_request_events_request on rights_request_events (request_id, id)`.execute(db);
    await sql`
      create table rights_tasks (
        id uuid primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        position integer not null,
        key text not null,
        system text not null,
        action text not null,
        status text not null check (status in ('open','done','not_applicable')),
        due_date text check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        evidence_enc text,
        ticked_by text,
        ticked_at timestamptz,
        unique (request_id, key)
      )`.execute(db);
    await sql`
      create table rights_verifications (
        id uuid primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        email_hash text not null,
        ip_hash text,
        code_hash text not null,
        link_hash text not null unique,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        attempts integer not null default 0,
        used_at timestamptz,
        superseded_at timestamptz
      )`.execute(db);
    await sql`create index rights_verifications_email on rights_verifications (email_hash, created_at)`.execute(db);
    await sql`create index rights_verifications_ip on rights_verifications (ip_hash, created_at)`.execute(db);
    await sql`create index rights_verifications_request on rights_verifications (request_id)`.execute(db);
    await sql`
      create table rights_notifications (
        id uuid primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        recipient_id text not null,
        recipient_name text not null,
        status text not null check (status in ('to_notify','notified','not_possible')),
        evidence_enc text,
        done_by text,
        done_at timestamptz,
        unique (request_id, recipient_id)
      )`.execute(db);
    await sql`
      create table rights_reminders (
        request_id uuid not null references rights_requests (id) on delete cascade,
        kind text not null check (kind in ('due_soon','overdue')),
        due_date text not null check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        sent_at timestamptz not null,
        primary key (request_id, kind, due_date)
      )`.execute(db);
  },
};
