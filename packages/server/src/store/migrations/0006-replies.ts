import { sql, type Kysely } from 'kysely';

/**
 * Replies to rights requests (0005-rights): files staff attach (and the access packages built from them), stored
 * encrypted in the database, and the expiring download links sent to the person.
 */
export const migration0006Replies = {
  name: '0006-replies',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table reply_files (
        id uuid primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        kind text not null check (kind in ('upload', 'package')),
        system_id text,
        system_name text,
        provided_by_person boolean not null default false,
        name text not null,
        content_type text not null,
        size_bytes bigint not null,
        sha256 text not null,
        data_key text,
        content bytea,
        created_at timestamptz not null,
        created_by_type text not null,
        created_by_id text,
        expires_at timestamptz,
        purged_at timestamptz
      )`.execute(db);
    await sql`create index reply_files_request on reply_files (request_id, created_at)`.execute(db);
    await sql`create index reply_files_expiry on reply_files (expires_at) where purged_at is null`.execute(db);
    await sql`
      create table reply_links (
        id uuid primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        file_id uuid not null references reply_files (id) on delete cascade,
        token_hash text not null unique,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        max_downloads integer not null,
        downloads integer not null default 0,
        last_download_at timestamptz,
        revoked_at timestamptz
      )`.execute(db);
    await sql`create index reply_links_request on reply_links (request_id, created_at)`.execute(db);
  },
};
