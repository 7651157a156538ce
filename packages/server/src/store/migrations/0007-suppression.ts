import { sql, type Kysely } from 'kysely';

/**
 * The marketing suppression list: addresses that must not receive direct marketing, stored only as SHA-256 of the
 * normalised address (suppression/email-hash.ts says why that hash). One row per address, scope and reason, so a
 * second unsubscribe is a no-op and an objection stands beside an earlier unsubscribe.
 *
 * An objection to direct marketing is absolute (UK GDPR Art 21(3)): a trigger refuses to delete or change an
 * objection row, whatever code or SQL asks. Other rows never change either; they may only be deleted (a person
 * who unsubscribed and later gives fresh consent).
 */
export const migration0007Suppression = {
  name: '0007-suppression',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table marketing_suppressions (
        email_hash text not null check (email_hash ~ '^[0-9a-f]{64}$'),
        scope text not null default '*',
        reason text not null check (reason in ('objection', 'unsubscribe', 'withdrawal', 'manual')),
        source text not null,
        created_at timestamptz not null,
        actor_type text not null,
        actor_id text,
        primary key (email_hash, scope, reason)
      )`.execute(db);
    await sql`create index marketing_suppressions_created on marketing_suppressions (created_at, email_hash)`.execute(db);
    await sql`
      create function marketing_suppressions_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          raise exception 'suppression entries are never changed: add a new entry instead' using errcode = 'P0001';
        end if;
        if old.reason = 'objection' then
          raise exception 'an objection to direct marketing is absolute (UK GDPR Art 21(3)) and cannot be removed' using errcode = 'P0001';
        end if;
        return old;
      end
      $$`.execute(db);
    await sql`
      create trigger marketing_suppressions_guard before update or delete on marketing_suppressions
      for each row execute function marketing_suppressions_guard()`.execute(db);
  },
};
