import { allowedNow, latestState, type ChoiceValue, type ConsentTarget, type TargetState } from '@pledge/core';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import '../crypto/cipher-deps.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { emailHashOf } from '../suppression/email-hash.js';
import { checkSuppressed } from '../suppression/is-suppressed.js';
import type { ConsentReceiptsTable } from './consent-tables.js';
import { currentTargets } from './current-targets.js';
import './consent-tables.js';

/** Who to read: one identifier. An email may be given as its hash. */
export interface PersonQuery {
  subjectId?: string | undefined;
  email?: string | undefined;
  emailHash?: string | undefined;
  deviceId?: string | undefined;
}

/** The receipts of a person: by subject id (with the devices linked to it), by address, or by device id. */
function personFilter(p: PersonQuery) {
  const given = [p.subjectId, p.email ?? p.emailHash, p.deviceId].filter((v) => v !== undefined);
  if (given.length !== 1) throw new PledgeError('invalid_input', 'Name one person: subjectId, email (or emailHash) or deviceId.', { field: 'person' });
  if (p.subjectId !== undefined) {
    const s = p.subjectId;
    return (eb: ExpressionBuilder<Database, 'consent_receipts'>) =>
      eb.or([eb('subject_id', '=', s), eb('device_id', 'in', eb.selectFrom('consent_device_links').select('device_id').where('subject_id', '=', s))]);
  }
  if (p.deviceId !== undefined) {
    const d = p.deviceId;
    return (eb: ExpressionBuilder<Database, 'consent_receipts'>) => eb('device_id', '=', d);
  }
  const h = emailHashOf({ email: p.email, emailHash: p.emailHash });
  return (eb: ExpressionBuilder<Database, 'consent_receipts'>) => eb('email_hash', '=', h);
}

export interface ReceiptView {
  receiptId: string;
  sequence: string;
  recordedAt: string;
  givenAt: string;
  person: { subjectId: string | null; email: string | null; emailHash: string | null; deviceId: string | null };
  choices: Record<string, ChoiceValue>;
  method: string;
  declarationVersion: string | null;
  publishedVersion: number | null;
  page: string | null;
  userAgent: string | null;
  ipTruncated: string | null;
  age: number | null;
  parentalConsent: { method: string; reference: string } | null;
  idempotencyKey: string;
  actor: { type: string; id: string | null };
  requestId: string | null;
}

/** A stored receipt as proof: personal fields decrypted for those with consent:read. */
export function receiptView(deps: Pick<ServiceDeps, 'cipher'>, r: Selectable<ConsentReceiptsTable>): ReceiptView {
  return {
    receiptId: r.receipt_id,
    sequence: String(r.id),
    recordedAt: new Date(r.recorded_at).toISOString(),
    givenAt: new Date(r.given_at).toISOString(),
    person: {
      subjectId: r.subject_id,
      email: r.email ? deps.cipher.decrypt(r.email, 'consent_receipts.email') : null,
      emailHash: r.email_hash,
      deviceId: r.device_id,
    },
    choices: (typeof r.choices === 'string' ? JSON.parse(r.choices) : r.choices) as Record<string, ChoiceValue>,
    method: r.method,
    declarationVersion: r.declaration_version,
    publishedVersion: r.published_version,
    page: r.page,
    userAgent: r.user_agent ? deps.cipher.decrypt(r.user_agent, 'consent_receipts.user_agent') : null,
    ipTruncated: r.ip_truncated,
    age: r.age,
    parentalConsent: r.parental_consent ? JSON.parse(deps.cipher.decrypt(r.parental_consent, 'consent_receipts.parental_consent')) : null,
    idempotencyKey: r.idempotency_key,
    actor: { type: r.actor_type, id: r.actor_id },
    requestId: r.request_id,
  };
}

/** Every receipt of a person, oldest first (recorded_at, then id): the full history as proof. */
export async function personHistory(deps: Pick<ServiceDeps, 'store' | 'cipher'>, person: PersonQuery, opts: { limit?: number } = {}): Promise<ReceiptView[]> {
  const rows = await deps.store.db
    .selectFrom('consent_receipts')
    .selectAll()
    .where(personFilter(person))
    .orderBy('recorded_at')
    .orderBy('id')
    .limit(opts.limit ?? 10_000)
    .execute();
  return rows.map((r) => receiptView(deps, r));
}

/** Receipts recorded in a period [since, until), in order, one page at a time (after: the last sequence seen). */
export async function periodHistory(
  deps: Pick<ServiceDeps, 'store' | 'cipher'>,
  opts: { since?: Date | undefined; until?: Date | undefined; after?: string | undefined; limit: number },
): Promise<ReceiptView[]> {
  let q = deps.store.db.selectFrom('consent_receipts').selectAll();
  if (opts.since) q = q.where('recorded_at', '>=', opts.since);
  if (opts.until) q = q.where('recorded_at', '<', opts.until);
  // Keyset on (recorded_at, id) so pages are stable; "after" is the sequence (id) of the last receipt seen.
  if (opts.after) {
    const after = opts.after;
    q = q.where((eb) =>
      eb.or([
        eb('recorded_at', '>', eb.selectFrom('consent_receipts').select('recorded_at').where('id', '=', after)),
        eb.and([eb('recorded_at', '=', eb.selectFrom('consent_receipts').select('recorded_at').where('id', '=', after)), eb('id', '>', after)]),
      ]),
    );
  }
  const rows = await q.orderBy('recorded_at').orderBy('id').limit(opts.limit).execute();
  return rows.map((r) => receiptView(deps, r));
}

export interface TargetStateView {
  key: string;
  kind: ConsentTarget['kind'];
  name: string;
  mode: ConsentTarget['mode'];
  directMarketing: boolean;
  /** For a purpose consented to through the cookie banner: the cookie keys it follows. */
  follows?: string[];
  state: ChoiceValue | null;
  at: string | null;
  receiptId: string | null;
  method: string | null;
  allowed: boolean;
}

export interface ConsentState {
  publishedVersion: number | null;
  /** Each purpose and cookie category of the current declaration, with the person's latest choice. */
  targets: TargetStateView[];
  /** key -> may it be used now. */
  allowed: Record<string, boolean>;
  /** Latest choices for keys the current declaration no longer offers (kept as proof). */
  retired: Record<string, TargetState>;
  /** The person's address is on the suppression list (for all marketing, or some purposes). */
  suppressed: { scope: string; reason: string }[];
}

/**
 * The current state of a person: per purpose and cookie category, the latest receipt's choice (latest by when it was
 * given, then recorded time, then store id: deterministic under concurrent writers, @pledge/core latestState) and whether it may be used now.
 */
export async function consentState(deps: Pick<ServiceDeps, 'store' | 'cipher'>, person: PersonQuery): Promise<ConsentState> {
  const t = await currentTargets(deps.store.db);
  const rows = await deps.store.db
    .selectFrom('consent_receipts')
    .select(['id', 'receipt_id', 'recorded_at', 'given_at', 'choices', 'method', 'email_hash'])
    .where(personFilter(person))
    .execute();
  const receipts = rows.map((r) => ({ id: r.id, recordedAt: r.recorded_at, givenAt: r.given_at, receiptId: r.receipt_id, method: r.method, choices: (typeof r.choices === 'string' ? JSON.parse(r.choices) : r.choices) as Record<string, ChoiceValue> }));
  const state = latestState(receipts);
  // An objection to direct marketing is absolute (UK GDPR Art 21(3)): a refusal of a legitimate-interests marketing
  // purpose anywhere in the person's history stops all marketing, whatever later receipts say. With an address the
  // suppression list enforces it; this covers a person known only by subject or device id.
  const objected = receipts.some((r) => Object.entries(r.choices).some(([k, v]) => v === 'refused' && t?.byKey.get(k)?.directMarketing === true && t.byKey.get(k)?.mode === 'opt_out'));
  const hashes = new Set(rows.map((r) => r.email_hash).filter((h): h is string => h !== null));
  if (person.email !== undefined || person.emailHash !== undefined) hashes.add(emailHashOf({ email: person.email, emailHash: person.emailHash }));
  const checks = await checkSuppressed(deps.store.db, [...hashes]);
  const suppressed = [...checks.values()].flatMap((c) => c.entries.map((e) => ({ scope: e.scope, reason: e.reason })));
  const targets = t?.targets ?? [];
  const allowed = allowedNow(targets, state, { suppressed: (x) => objected || suppressed.some((s) => s.scope === '*' || s.scope === x.id) });
  const known = new Set(targets.map((x) => x.key));
  return {
    publishedVersion: t?.version ?? null,
    targets: targets.map((x) => ({
      key: x.key,
      kind: x.kind,
      name: x.name,
      mode: x.mode,
      directMarketing: x.directMarketing,
      ...(x.cookieKeys ? { follows: x.cookieKeys } : {}),
      state: state[x.key]?.state ?? null,
      at: state[x.key]?.at ?? null,
      receiptId: state[x.key]?.receiptId ?? null,
      method: state[x.key]?.method ?? null,
      allowed: allowed[x.key] ?? false,
    })),
    allowed,
    retired: Object.fromEntries(Object.entries(state).filter(([k]) => !known.has(k))),
    suppressed,
  };
}
