import type { Timestamp } from '../store/database.js';

export const SUPPRESSION_REASONS = ['objection', 'unsubscribe', 'withdrawal', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Row of marketing_suppressions (migration 0007-suppression). */
export interface MarketingSuppressionsTable {
  /** SHA-256 hex of the normalised address (email-hash.ts). */
  email_hash: string;
  /** '*' for all direct marketing, or the id of one purpose (an unsubscribe from one list). */
  scope: string;
  reason: SuppressionReason;
  /** Where it came from: "unsubscribe_link", "preference_centre", "api", "rights_request", ... */
  source: string;
  created_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
}

declare module '../store/database.js' {
  interface Database {
    marketing_suppressions: MarketingSuppressionsTable;
  }
}
