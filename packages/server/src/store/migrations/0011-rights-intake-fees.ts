import { sql, type Kysely } from 'kysely';

/**
 * Rights requests that do not come from the web form, fees, and requests made for someone else (issue 4).
 * - Staff intake: a request can start from a person's first message by email, letter, phone or in person (ICO: a
 *   request need not use any form or words). `channel` says how it came; the email address becomes optional (a letter
 *   or a call may have none: `contact_enc` holds the postal address or a phone note instead, encrypted).
 * - Someone acting for the person (a solicitor, parent, attorney): `on_behalf_of_enc` (the name of the person the
 *   request is about) and `relationship_enc`, encrypted; status `awaiting_authority` while the evidence of their
 *   authority is awaited (the relevant time is its receipt, Art 12A).
 * - `fee`: the fee asked (ground, amount in pence, how to pay, dates; no personal data), Art 12(5)(a) and Art 15(3).
 */
export const migration0011RightsIntakeFees = {
  name: '0011-rights-intake-fees',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table rights_requests drop constraint rights_requests_status_check`.execute(db);
    await sql`
      alter table rights_requests add constraint rights_requests_status_check
      check (status in ('unverified','received','in_progress','awaiting_clarification','awaiting_identity','awaiting_authority','awaiting_fee','awaiting_customer','completed','refused'))`.execute(db);
    await sql`alter table rights_requests alter column email_enc drop not null`.execute(db);
    await sql`alter table rights_requests alter column email_hash drop not null`.execute(db);
    await sql`alter table rights_requests add column channel text not null default 'web' check (channel in ('web','email','letter','phone','in_person'))`.execute(db);
    await sql`alter table rights_requests add column contact_enc text`.execute(db);
    await sql`alter table rights_requests add column on_behalf_of_enc text`.execute(db);
    await sql`alter table rights_requests add column relationship_enc text`.execute(db);
    await sql`alter table rights_requests add column fee jsonb`.execute(db);
    // Someone must be reachable: an email address, or a postal address or phone note.
    await sql`alter table rights_requests add constraint rights_requests_contact_check check (email_enc is not null or contact_enc is not null)`.execute(db);
  },
};
