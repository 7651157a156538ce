import type { ColumnType, Generated } from 'kysely';

/**
 * The tables of Pledge's store. Each capability adds its tables to this interface by module augmentation
 * (`declare module '../store/database.js' { interface Database { ... } }`) beside its migration, so the
 * store's type grows with the capabilities without one file owning every table.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {
  audit_log: AuditLogTable;
}

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;

export interface AuditLogTable {
  id: Generated<string>;
  seq: string;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  request_id: string | null;
  before: Json | null;
  after: Json | null;
  details: Json | null;
  prev_hash: string;
  hash: string;
}
