import { stringify } from 'csv-stringify/sync';
import type { ReceiptView } from './read-consent.js';

/** Columns of the CSV export: one row per receipt and choice, so a spreadsheet filters by purpose directly. */
export const RECEIPT_CSV_COLUMNS = [
  'receipt_id',
  'sequence',
  'recorded_at',
  'given_at',
  'subject_id',
  'email',
  'email_sha256',
  'device_id',
  'purpose_or_category',
  'choice',
  'method',
  'declaration_version',
  'published_version',
  'page',
  'user_agent',
  'ip_truncated',
  'age',
  'parental_consent_method',
  'parental_consent_reference',
  'idempotency_key',
  'actor_type',
  'actor_id',
  'request_id',
] as const;

/** Receipts as CSV rows (csv-stringify quotes and escapes; a leading =,+,-,@ is neutralised against formula injection). */
export function receiptsToCsv(receipts: readonly ReceiptView[], withHeader: boolean): string {
  const safe = (v: string | number | null): string | number => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));
  const rows = receipts.flatMap((r) =>
    Object.entries(r.choices).map(([key, choice]) =>
      [
        r.receiptId,
        r.sequence,
        r.recordedAt,
        r.givenAt,
        r.person.subjectId,
        r.person.email,
        r.person.emailHash,
        r.person.deviceId,
        key,
        choice,
        r.method,
        r.declarationVersion,
        r.publishedVersion,
        r.page,
        r.userAgent,
        r.ipTruncated,
        r.age,
        r.parentalConsent?.method ?? null,
        r.parentalConsent?.reference ?? null,
        r.idempotencyKey,
        r.actor.type,
        r.actor.id,
        r.requestId,
      ].map(safe),
    ),
  );
  return stringify(withHeader ? [[...RECEIPT_CSV_COLUMNS], ...rows] : rows);
}
