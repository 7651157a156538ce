import { sql, type Kysely } from 'kysely';

/**
 * Published declarations: one row per version, never changed once written. A trigger refuses UPDATE and DELETE,
 * so a published notice can always be reproduced as it was (the same SQL on PGlite and PostgreSQL).
 */
export const migration0004Declarations = {
  name: '0004-declarations',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table declaration_versions (
        id bigserial primary key,
        version integer not null unique check (version > 0),
        published_at timestamptz not null,
        published_by_type text not null,
        published_by_id text,
        entry text not null,
        source_yaml text not null,
        source_files jsonb,
        declaration jsonb not null,
        content_hash text not null,
        diff jsonb,
        material boolean not null,
        summary jsonb not null,
        note text
      )`.execute(db);
    await sql`create index declaration_versions_hash on declaration_versions (content_hash)`.execute(db);
    await sql`
      create function declaration_versions_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'declaration versions are immutable: publish a new version instead of changing version %', old.version
          using errcode = 'P0001';
      end
      $$`.execute(db);
    await sql`
      create trigger declaration_versions_no_change before update or delete on declaration_versions
      for each row execute function declaration_versions_immutable()`.execute(db);
  },
};
