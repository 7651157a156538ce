import { sql, type Kysely } from 'kysely';

/**
 * An objection made in the preference centre (UK GDPR Art 21(1)) opens a rights request, so the one-month clock runs
 * (Art 12(3)) and staff answer it: channel `preference_centre`, and `objection_purposes`, the declared purpose keys it
 * objects to (so saving the page again does not open a second request for the same purposes while one is open).
 */
export const migration0013PreferenceObjections = {
  name: '0013-preference-objections',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table rights_requests drop constraint rights_requests_channel_check`.execute(db);
    await sql`alter table rights_requests add constraint rights_requests_channel_check check (channel in ('web','email','letter','phone','in_person','preference_centre'))`.execute(db);
    await sql`alter table rights_requests add column objection_purposes jsonb`.execute(db);
  },
};
