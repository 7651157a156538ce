import { sql, type Kysely } from 'kysely';

/**
 * Proof of identity or authority uploaded by the person on their status page (UK GDPR Art 12(6)), sealed like reply
 * files (a per-file AES-256-GCM key wrapped by the field cipher); content, key and name are deleted a set number of
 * days after the request closes (Art 5(1)(c), (e)). And Art 19 recipients drawn per system when a task is ticked:
 * which systems or categories led to each, and whether it is a category of recipients (told only if data went to one).
 */
export const migration0009IdentityDocuments = {
  name: '0009-identity-documents',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table rights_identity_documents (
        id uuid primary key,
        request_id uuid not null references rights_requests (id) on delete cascade,
        name text,
        content_type text not null,
        size_bytes bigint not null,
        sha256 text not null,
        data_key text,
        content bytea,
        created_at timestamptz not null,
        purged_at timestamptz
      )`.execute(db);
    await sql`create index rights_identity_documents_request on rights_identity_documents (request_id, created_at)`.execute(db);
    await sql`create index rights_identity_documents_live on rights_identity_documents (request_id) where purged_at is null`.execute(db);
    await sql`alter table rights_notifications add column via jsonb`.execute(db);
    await sql`alter table rights_notifications add column category boolean not null default false`.execute(db);
  },
};
