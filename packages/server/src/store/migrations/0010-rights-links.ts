import { sql, type Kysely } from 'kysely';

/**
 * Rights requests linked by hand: staff link two requests from the same person who used different addresses (those
 * from one address are linked by its hash already), so repeats are seen for the "manifestly excessive" judgement
 * (UK GDPR Art 12(5)). Each link is stored in both directions (one row per side), so a request's links are one index
 * lookup. And processor mode: reminders for a customer's instruction due by the period the declaration promises
 * (kinds customer_due_soon, customer_overdue), with an index for the queue's filter on that date.
 */
export const migration0010RightsLinks = {
  name: '0010-rights-links',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table rights_request_links (
        request_id uuid not null references rights_requests (id) on delete cascade,
        other_id uuid not null references rights_requests (id) on delete cascade,
        created_at timestamptz not null,
        created_by text,
        primary key (request_id, other_id),
        check (request_id <> other_id)
      )`.execute(db);
    await sql`alter table rights_reminders drop constraint rights_reminders_kind_check`.execute(db);
    await sql`alter table rights_reminders add constraint rights_reminders_kind_check check (kind in ('due_soon','overdue','customer_due_soon','customer_overdue'))`.execute(db);
    await sql`
      create index rights_requests_customer_due on rights_requests (customer_due_date, number)
      where customer_due_date is not null and status not in ('unverified', 'completed', 'refused')`.execute(db);
  },
};
