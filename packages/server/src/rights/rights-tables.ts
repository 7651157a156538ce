import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../store/database.js';

/** A calendar date column: text YYYY-MM-DD (see the migration). */
type DateColumn = string;

/** Row of rights_requests (migration 0005-rights). Columns ending _enc are encrypted with the field cipher, context "rights_requests.<column>". */
export interface RightsRequestsTable {
  id: string;
  number: Generated<string>;
  type: string;
  status: string;
  created_at: Timestamp;
  /** When the request counts as received: the person confirmed their email address (see create-request.ts). */
  received_at: Timestamp | null;
  received_on: DateColumn | null;
  /** Day 0 of the period now: the latest of receipt and identity / authority / fee arrivals (Art 12A). */
  relevant_time: DateColumn | null;
  due_date: DateColumn | null;
  deadline: Timestamp | null;
  /** 'statutory' or 'promise': which rule gave due_date. */
  due_applied: string | null;
  paused_since: DateColumn | null;
  paused_days: Generated<number>;
  extended: Generated<boolean>;
  /** The clock's inputs (RequestClockState): dates only. */
  clock: Json;
  assignee_id: string | null;
  /** Null for a request taken by letter or phone without an address (migration 0011): contact_enc holds how to reach the person. */
  email_enc: string | null;
  /** SHA-256 of the normalised address: links a person's requests without decrypting. Null without an address. */
  email_hash: string | null;
  name_enc: string | null;
  details_enc: string | null;
  declaration_version: number | null;
  /** An objection that covers direct marketing: it takes effect at once (Art 21(3)). */
  direct_marketing: Generated<boolean>;
  processor_activity: string | null;
  customer_name_enc: string | null;
  customer_email_enc: string | null;
  /** Processor mode: when the customer's instruction must be carried out (the period the declaration promises). */
  customer_due_date: DateColumn | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  completed_at: Timestamp | null;
  reply_enc: string | null;
  /** Files attached to the completion (by the replies package). */
  attachment_ids: Json<string[]> | null;
  updated_at: Timestamp;
  /** Migration 0011: how the request came (web, email, letter, phone, in_person; preference_centre, migration 0013). */
  channel: Generated<string>;
  /** Migration 0011: a postal address or phone note, for a request without an email address (encrypted). */
  contact_enc: string | null;
  /** Migration 0011: someone asks for another person: that person's name, and the requester's relationship (encrypted). */
  on_behalf_of_enc: string | null;
  relationship_enc: string | null;
  /** Migration 0011: the fee asked (RequestFee: ground, amount, how to pay, dates). */
  fee: Json | null;
  /** Migration 0013: an objection from the preference centre: the declared purpose keys objected to (Art 21(1)). */
  objection_purposes: Json<string[]> | null;
}

/** A link to the person's status page: SHA-256 of a 256-bit token that is only in the email sent to them. */
export interface RightsStatusTokensTable {
  token_hash: string;
  request_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface RightsRequestEventsTable {
  id: Generated<string>;
  request_id: string;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  kind: string;
  /** What happened, without personal data (shown in lists and the record). */
  summary: string;
  /** The text that goes with it (a note, a question, an answer, a reason), encrypted: "rights_request_events.body_enc". */
  body_enc: string | null;
  data: Json | null;
}

export interface RightsTasksTable {
  id: string;
  request_id: string;
  position: number;
  key: string;
  system: string;
  action: string;
  status: string;
  due_date: DateColumn | null;
  evidence_enc: string | null;
  ticked_by: string | null;
  ticked_at: Timestamp | null;
}

export interface RightsVerificationsTable {
  id: string;
  request_id: string;
  email_hash: string;
  ip_hash: string | null;
  code_hash: string;
  link_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  used_at: Timestamp | null;
  superseded_at: Timestamp | null;
}

export interface RightsNotificationsTable {
  id: string;
  request_id: string;
  recipient_id: string;
  recipient_name: string;
  status: string;
  evidence_enc: string | null;
  done_by: string | null;
  done_at: Timestamp | null;
  /** Migration 0009: the systems or categories touched that led to this recipient (Art 19 by system); null when drawn by request type. */
  via: Json<string[]> | null;
  /** Migration 0009: a category of recipients, told only where data was in fact disclosed to one of them. */
  category: Generated<boolean>;
}

export interface RightsRemindersTable {
  request_id: string;
  /** due_soon, overdue: the request's due date; customer_*: the customer's instruction (processor mode; migration 0010). */
  kind: 'due_soon' | 'overdue' | 'customer_due_soon' | 'customer_overdue' | 'chase_fee' | 'chase_identity' | 'chase_authority';
  due_date: DateColumn;
  sent_at: Timestamp;
}

/** Migration 0010: two requests linked by hand (the same person at different addresses); one row per direction. */
export interface RightsRequestLinksTable {
  request_id: string;
  other_id: string;
  created_at: Timestamp;
  created_by: string | null;
}

declare module '../store/database.js' {
  interface Database {
    rights_requests: RightsRequestsTable;
    rights_request_events: RightsRequestEventsTable;
    rights_status_tokens: RightsStatusTokensTable;
    rights_tasks: RightsTasksTable;
    rights_verifications: RightsVerificationsTable;
    rights_notifications: RightsNotificationsTable;
    rights_reminders: RightsRemindersTable;
    rights_request_links: RightsRequestLinksTable;
  }
}
