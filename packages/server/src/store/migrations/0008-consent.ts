import { sql, type Kysely } from 'kysely';

/**
 * The consent ledger. consent_receipts is append-only: a receipt is never changed or removed (withdrawal is a new
 * receipt), and a trigger refuses UPDATE and DELETE whatever code or SQL asks. The current state is derived from the
 * receipts (latest by recorded_at, then id). Idempotency: (key_scope, idempotency_key) is unique, so a retried receipt
 * is stored once even when the retries race (INSERT ... ON CONFLICT DO NOTHING).
 *
 * consent_device_links ties an anonymous banner device id to a known subject id later (e.g. at sign-in).
 * consent_link_tokens holds the preference centre's emailed links: SHA-256 of the token only, with an expiry.
 */
export const migration0008Consent = {
  name: '0008-consent',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table consent_receipts (
        id bigserial primary key,
        receipt_id uuid not null unique,
        recorded_at timestamptz not null,
        given_at timestamptz not null,
        subject_id text,
        email_hash text,
        email text,
        device_id text,
        choices jsonb not null,
        declaration_version text,
        published_version integer,
        method text not null check (method in ('banner', 'form', 'api', 'import', 'gpc', 'dnt', 'preference_centre', 'unsubscribe')),
        page text,
        user_agent text,
        ip_truncated text,
        age integer,
        parental_consent text,
        key_scope text not null,
        idempotency_key text not null,
        content_hash text not null,
        actor_type text not null,
        actor_id text,
        request_id text,
        check (subject_id is not null or email_hash is not null or device_id is not null)
      )`.execute(db);
    await sql`create unique index consent_receipts_idempotency on consent_receipts (key_scope, idempotency_key)`.execute(db);
    await sql`create index consent_receipts_subject on consent_receipts (subject_id, recorded_at, id) where subject_id is not null`.execute(db);
    await sql`create index consent_receipts_email on consent_receipts (email_hash, recorded_at, id) where email_hash is not null`.execute(db);
    await sql`create index consent_receipts_device on consent_receipts (device_id, recorded_at, id) where device_id is not null`.execute(db);
    await sql`create index consent_receipts_recorded on consent_receipts (recorded_at, id)`.execute(db);
    await sql`
      create function consent_receipts_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'consent receipts are append-only: record a new receipt (a withdrawal is a receipt too) instead of changing receipt %', old.receipt_id
          using errcode = 'P0001';
      end
      $$`.execute(db);
    await sql`
      create trigger consent_receipts_no_change before update or delete on consent_receipts
      for each row execute function consent_receipts_append_only()`.execute(db);

    await sql`
      create table consent_device_links (
        device_id text primary key,
        subject_id text not null,
        linked_at timestamptz not null,
        actor_type text not null,
        actor_id text
      )`.execute(db);
    await sql`create index consent_device_links_subject on consent_device_links (subject_id)`.execute(db);

    await sql`
      create table consent_link_tokens (
        token_hash text primary key,
        email_hash text not null,
        email text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null
      )`.execute(db);
    await sql`create index consent_link_tokens_expires on consent_link_tokens (expires_at)`.execute(db);
  },
};
