import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../store/database.js';

export const RECEIPT_METHODS = ['banner', 'form', 'api', 'import', 'gpc', 'dnt', 'preference_centre', 'unsubscribe'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

/** Row of consent_receipts (migration 0008-consent): append-only. */
export interface ConsentReceiptsTable {
  /** Store order: the tie-breaker between receipts recorded at the same instant. */
  id: Generated<string>;
  receipt_id: string;
  /** When Pledge recorded it (server clock): what "latest" is decided by. */
  recorded_at: Timestamp;
  /** When the person made the choice, as the caller says (default: recorded_at). */
  given_at: Timestamp;
  subject_id: string | null;
  /** SHA-256 of the normalised address (suppression/email-hash.ts), for lookups. */
  email_hash: string | null;
  /** The address, encrypted (context "consent_receipts.email"). */
  email: string | null;
  device_id: string | null;
  choices: Json<Record<string, 'granted' | 'refused'>>;
  /** The declaration version the person was shown, as the caller says (the banner sends the notice's date). */
  declaration_version: string | null;
  /** The published version current when the receipt was recorded (what its choices were validated against). */
  published_version: number | null;
  method: ReceiptMethod;
  page: string | null;
  /** Encrypted (context "consent_receipts.user_agent"). */
  user_agent: string | null;
  /** /24 for IPv4, /48 for IPv6 (@pledge/core truncateIp). */
  ip_truncated: string | null;
  age: number | null;
  /** JSON { method, reference }, encrypted (context "consent_receipts.parental_consent"). */
  parental_consent: string | null;
  /** Whose idempotency keys these are: "device:<id>" on the public route, "<actor type>:<actor id>" on the API. */
  key_scope: string;
  idempotency_key: string;
  /** SHA-256 of the receipt as sent: a retry with the same key but other content is refused. */
  content_hash: string;
  actor_type: string;
  actor_id: string | null;
  request_id: string | null;
}

export interface ConsentDeviceLinksTable {
  device_id: string;
  subject_id: string;
  linked_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
}

export interface ConsentLinkTokensTable {
  token_hash: string;
  email_hash: string;
  /** Encrypted (context "consent_link_tokens.email"). */
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

declare module '../store/database.js' {
  interface Database {
    consent_receipts: ConsentReceiptsTable;
    consent_device_links: ConsentDeviceLinksTable;
    consent_link_tokens: ConsentLinkTokensTable;
  }
}
