import { sql, type Kysely } from 'kysely';

/** The audit trail: append-only, hash-chained (see audit/append-audit.ts). */
export const migration0001Audit = {
  name: '0001-audit',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table audit_log (
        id bigserial primary key,
        seq bigint not null unique,
        at timestamptz not null,
        actor_type text not null,
        actor_id text,
        action text not null,
        subject_type text,
        subject_id text,
        ip text,
        request_id text,
        before jsonb,
        after jsonb,
        details jsonb,
        prev_hash text not null,
        hash text not null
      )`.execute(db);
    await sql`create index audit_log_subject on audit_log (subject_type, subject_id)`.execute(db);
    await sql`create index audit_log_at on audit_log (at)`.execute(db);
  },
};
