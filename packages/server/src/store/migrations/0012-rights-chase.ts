import { sql, type Kysely } from 'kysely';

/**
 * Rights requests waiting for the person have no due date (a fee, Art 12(5)(a); proof of identity, Art 12(6); evidence
 * of authority, Art 12A), so the reminders job chases them after PLEDGE_RIGHTS_CHASE_DAYS instead: kinds chase_fee,
 * chase_identity, chase_authority, claimed per (request, kind, the day it was asked) in `due_date`.
 */
export const migration0012RightsChase = {
  name: '0012-rights-chase',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table rights_reminders drop constraint rights_reminders_kind_check`.execute(db);
    await sql`
      alter table rights_reminders add constraint rights_reminders_kind_check
      check (kind in ('due_soon','overdue','customer_due_soon','customer_overdue','chase_fee','chase_identity','chase_authority'))`.execute(db);
  },
};
