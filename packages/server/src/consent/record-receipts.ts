import { createHash, randomUUID } from 'node:crypto';
import { checkChildConsent, cookiePurposeChoices, truncateIp, unknownChoices, withCookiePurposes, type ChoiceValue, type ParentalConsentEvidence } from '@pledge/core';
import type { Insertable, Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import '../crypto/cipher-deps.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { hashEmail } from '../suppression/email-hash.js';
import { liftSuppression } from '../suppression/lift-suppression.js';
import { suppressEmail } from '../suppression/suppress-email.js';
import type { SuppressionReason } from '../suppression/suppression-table.js';
import type { ConsentReceiptsTable, ReceiptMethod } from './consent-tables.js';
import { currentTargets, type CurrentTargets } from './current-targets.js';
import './consent-tables.js';

export interface PersonRef {
  subjectId?: string | undefined;
  email?: string | undefined;
  deviceId?: string | undefined;
}

export interface ReceiptInput {
  person: PersonRef;
  choices: Record<string, ChoiceValue>;
  method: ReceiptMethod;
  declarationVersion?: string | undefined;
  page?: string | undefined;
  userAgent?: string | undefined;
  /** The person's address; stored truncated (/24, /48). */
  ip?: string | undefined;
  /** When the person chose (ISO time); default now. */
  givenAt?: string | undefined;
  idempotencyKey?: string | undefined;
  /** The person's age, when known: the declaration's age rule (Art 8) applies to it. */
  age?: number | undefined;
  parentalConsent?: ParentalConsentEvidence | undefined;
}

export interface RecordContext {
  actor: Actor;
  /** Whose idempotency keys: "device:<id>" for the public route, else the actor. */
  keyScope?: string;
}

export type RecordStatus = 'recorded' | 'duplicate' | 'conflict';
export interface RecordResult {
  receiptId: string | null;
  status: RecordStatus;
  recordedAt: string | null;
  idempotencyKey: string;
}

/** Canonical JSON (keys sorted), so the same receipt sent twice hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The page without query string or fragment: they often carry personal data and prove nothing about consent. */
const pageOf = (page: string | undefined): string | null => (page ? page.split(/[?#]/)[0]!.slice(0, 2000) || null : null);

/** Checks one receipt against the published declaration; throws a 4xx PledgeError naming what is wrong. */
function validate(t: CurrentTargets, r: ReceiptInput, index: number | undefined): void {
  const where = index === undefined ? '' : `receipts[${index}]: `;
  if (!r.person.subjectId && !r.person.email && !r.person.deviceId) {
    throw new PledgeError('invalid_input', `${where}name the person: subjectId, email or deviceId.`, { index: index ?? null, field: 'person' });
  }
  const keys = Object.keys(r.choices);
  if (keys.length === 0) throw new PledgeError('invalid_input', `${where}choices is empty: give at least one purpose or cookie category with "granted" or "refused".`, { index: index ?? null, field: 'choices' });
  const unknown = unknownChoices(t.targets, r.choices);
  if (unknown.length) {
    throw new PledgeError(
      'unprocessable',
      `${where}${unknown.map((k) => `"${k.slice(0, 100)}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a purpose or cookie category people choose in the published declaration (version ${t.version}). It offers: ${t.targets.map((x) => x.key).join(', ') || 'nothing'}.`,
      { index: index ?? null, unknown, offered: t.targets.map((x) => x.key), version: t.version },
    );
  }
  // A purpose consented to through the cookie banner has no choice of its own: its categories give and refuse it, so
  // that the banner, GPC and every other channel write the same keys (docs/decisions/0005).
  const viaBanner = cookiePurposeChoices(t.targets, r.choices);
  if (viaBanner.length) {
    throw new PledgeError(
      'unprocessable',
      `${where}${viaBanner.map((x) => `"${x.key}" is consented to through the cookie banner: record its cookie categories (${x.cookieKeys!.join(', ')}) instead`).join('; ')}. The ledger then records the purpose with them: granted when all are granted, refused when any is refused.`,
      { index: index ?? null, reason: 'cookie_banner_purpose', purposes: viaBanner.map((x) => x.key), categories: Object.fromEntries(viaBanner.map((x) => [x.key, x.cookieKeys])) },
    );
  }
  const child = checkChildConsent(t.childRule, t.targets, { ...r, choices: withCookiePurposes(t.targets, r.choices) });
  if (child) throw new PledgeError('unprocessable', `${where}${child.message}`, { index: index ?? null, reason: child.reason, age: child.age, purposes: child.keys });
}

/**
 * For receipts that grant a consent-based purpose without stating an age, under a declared age rule: the person's age
 * as the ledger last recorded it (grown by the whole years since), so leaving the age out of a later receipt does not
 * escape the rule (UK GDPR Art 8). Undefined where the receipt states an age or the ledger knows none.
 */
async function knownAgesOf(deps: Pick<ServiceDeps, 'store'>, t: CurrentTargets, inputs: readonly ReceiptInput[], now: Date): Promise<(number | undefined)[]> {
  const rule = t.childRule;
  const asks = inputs.map((r) =>
    rule && r.age === undefined && Object.entries(r.choices).some(([k, v]) => v === 'granted' && t.byKey.get(k)?.mode === 'opt_in')
      ? { subjectId: r.person.subjectId, emailHash: r.person.email ? hashEmail(r.person.email) : undefined, deviceId: r.person.deviceId }
      : undefined,
  );
  const subjects = [...new Set(asks.flatMap((a) => (a?.subjectId !== undefined ? [a.subjectId] : [])))];
  const hashes = [...new Set(asks.flatMap((a) => (a?.emailHash !== undefined ? [a.emailHash] : [])))];
  const devices = [...new Set(asks.flatMap((a) => (a?.deviceId !== undefined ? [a.deviceId] : [])))];
  if (subjects.length + hashes.length + devices.length === 0) return inputs.map(() => undefined);
  // One query for the batch: receipts that state an age are few.
  const rows = await deps.store.db
    .selectFrom('consent_receipts')
    .select(['id', 'age', 'given_at', 'recorded_at', 'subject_id', 'email_hash', 'device_id'])
    .where('age', 'is not', null)
    .where((eb) =>
      eb.or([
        ...(subjects.length ? [eb('subject_id', 'in', subjects)] : []),
        ...(hashes.length ? [eb('email_hash', 'in', hashes)] : []),
        ...(devices.length ? [eb('device_id', 'in', devices)] : []),
      ]),
    )
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return asks.map((a) => {
    if (!a) return undefined;
    const row = rows.find((x) => (a.subjectId !== undefined && x.subject_id === a.subjectId) || (a.emailHash !== undefined && x.email_hash === a.emailHash) || (a.deviceId !== undefined && x.device_id === a.deviceId));
    if (!row || row.age === null) return undefined;
    const years = Math.floor((now.getTime() - new Date(row.given_at).getTime()) / (365.25 * 24 * 3600 * 1000));
    return row.age + Math.max(0, years);
  });
}

/**
 * Records consent receipts, all or none: each is validated against the current published declaration (unknown
 * purposes and categories are refused by name; the declared age rule for children applies), then all are inserted in
 * one statement. A receipt's cookie choices also record the purposes consented to through the cookie banner that they
 * decide (core withCookiePurposes), in the same row; such a purpose cannot be named on its own. A receipt whose idempotency key was already used in the same scope is not stored again: it comes back
 * as "duplicate" (same content) or "conflict" (other content under the same key). Races are settled by the unique
 * index with ON CONFLICT DO NOTHING.
 *
 * Receipts are the ledger's own append-only evidence (actor, request id, time, truncated address), so they are not
 * copied into the audit trail one by one: the audit chain's lock would serialise every receipt. Changes to the
 * suppression list that receipts cause are audited as usual.
 *
 * Direct marketing choices with an address feed the suppression list (UK GDPR Art 21(3), Art 7(3); PECR reg 22):
 * an objection (refusing a legitimate-interests marketing purpose) for all marketing, absolute; a withdrawal or an
 * unsubscribe for that purpose. A fresh grant of a consent-based marketing purpose lifts that purpose's withdrawal and
 * unsubscribe entries (never an objection).
 */
export async function recordReceipts(deps: Pick<ServiceDeps, 'store' | 'clock' | 'cipher'>, inputs: readonly ReceiptInput[], ctx: RecordContext): Promise<RecordResult[]> {
  const t = await currentTargets(deps.store.db);
  if (!t) throw new PledgeError('conflict', 'No declaration is published yet, so there is nothing to consent to: publish one first (POST /api/declarations).');
  const now = deps.clock.now();
  const knownAges = await knownAgesOf(deps, t, inputs, now);
  inputs.forEach((r, i) => validate(t, knownAges[i] === undefined ? r : { ...r, age: knownAges[i] }, inputs.length > 1 ? i : undefined));
  const scope = ctx.keyScope ?? `${ctx.actor.type}:${ctx.actor.id ?? ''}`;
  const rows: Insertable<ConsentReceiptsTable>[] = inputs.map((r) => {
    const email = r.person.email?.trim();
    return {
      receipt_id: randomUUID(),
      recorded_at: now,
      given_at: r.givenAt ? new Date(r.givenAt) : now,
      subject_id: r.person.subjectId ?? null,
      email_hash: email ? hashEmail(email) : null,
      email: email ? deps.cipher.encrypt(email, 'consent_receipts.email') : null,
      device_id: r.person.deviceId ?? null,
      // With the purposes consented to through the cookie banner that these cookie choices decide (withCookiePurposes).
      choices: JSON.stringify(withCookiePurposes(t.targets, r.choices)),
      declaration_version: r.declarationVersion ?? null,
      published_version: t.version,
      method: r.method,
      page: pageOf(r.page),
      user_agent: r.userAgent ? deps.cipher.encrypt(r.userAgent.slice(0, 512), 'consent_receipts.user_agent') : null,
      ip_truncated: truncateIp(r.ip) ?? null,
      age: r.age ?? null,
      parental_consent: r.parentalConsent ? deps.cipher.encrypt(JSON.stringify(r.parentalConsent), 'consent_receipts.parental_consent') : null,
      key_scope: scope,
      idempotency_key: r.idempotencyKey ?? randomUUID(),
      // What the person chose, not the connection it came over: a retry from another address or client is the same receipt.
      // What was chosen, not when it was sent: a retry may add the time of the choice (the banner's resend does), and
      // is still the same receipt.
      content_hash: createHash('sha256').update(canonical({ ...r, ip: undefined, userAgent: undefined, givenAt: undefined })).digest('hex'),
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id ?? null,
      request_id: ctx.actor.requestId ?? null,
    };
  });
  const feeds = inputs.some((r) => r.person.email && Object.keys(r.choices).some((k) => t.byKey.get(k)?.directMarketing));
  const write = async (db: Transaction<Database> | typeof deps.store.db): Promise<RecordResult[]> => {
    const inserted = await db
      .insertInto('consent_receipts')
      .values(rows)
      .onConflict((oc) => oc.columns(['key_scope', 'idempotency_key']).doNothing())
      .returning(['receipt_id', 'idempotency_key'])
      .execute();
    const fresh = new Map(inserted.map((r) => [r.idempotency_key, r.receipt_id]));
    const missing = rows.filter((r) => fresh.get(r.idempotency_key) !== r.receipt_id).map((r) => r.idempotency_key);
    const existing = missing.length
      ? new Map(
          (
            await db
              .selectFrom('consent_receipts')
              .select(['receipt_id', 'idempotency_key', 'content_hash', 'recorded_at'])
              .where('key_scope', '=', scope)
              .where('idempotency_key', 'in', missing)
              .execute()
          ).map((r) => [r.idempotency_key, r]),
        )
      : new Map();
    return rows.map((row) => {
      if (fresh.get(row.idempotency_key) === row.receipt_id) return { receiptId: row.receipt_id, status: 'recorded', recordedAt: now.toISOString(), idempotencyKey: row.idempotency_key };
      const prior = existing.get(row.idempotency_key);
      if (!prior) throw new Error(`receipt with idempotency key ${row.idempotency_key} neither inserted nor found`);
      return prior.content_hash === row.content_hash
        ? { receiptId: prior.receipt_id, status: 'duplicate', recordedAt: new Date(prior.recorded_at).toISOString(), idempotencyKey: row.idempotency_key }
        : { receiptId: null, status: 'conflict', recordedAt: null, idempotencyKey: row.idempotency_key };
    });
  };
  if (!feeds) return write(deps.store.db);
  return deps.store.db.transaction().execute(async (trx) => {
    const results = await write(trx);
    for (let i = 0; i < inputs.length; i++) {
      const r = inputs[i]!;
      if (results[i]!.status !== 'recorded' || !r.person.email) continue;
      for (const [key, value] of Object.entries(r.choices)) {
        const target = t.byKey.get(key)!;
        if (!target.directMarketing) continue;
        if (value === 'refused') {
          // Refusing legitimate-interests marketing, by any channel (an unsubscribe link included), is an objection to
          // direct marketing: absolute, all marketing, never lifted (Art 21(2)-(3)). For consent-based marketing an
          // unsubscribe link stops that list, and a refusal elsewhere withdraws that consent (Art 7(3)).
          const reason: SuppressionReason = target.mode === 'opt_out' ? 'objection' : r.method === 'unsubscribe' ? 'unsubscribe' : 'withdrawal';
          await suppressEmail(trx, deps, { email: r.person.email, reason, scope: target.id, source: r.method, actor: ctx.actor });
        } else if (target.mode === 'opt_in' && r.method !== 'unsubscribe') {
          const emailHash = hashEmail(r.person.email);
          // Only a consent given after the withdrawal or unsubscribe lifts it: an older consent recorded now (an import)
          // is proof of the past, and the later withdrawal stands (Art 7(3)).
          const givenAt = new Date(Math.min((rows[i]!.given_at as Date).getTime(), now.getTime()));
          for (const reason of ['withdrawal', 'unsubscribe'] as const) {
            const entry = await trx.selectFrom('marketing_suppressions').select('created_at').where('email_hash', '=', emailHash).where('scope', '=', target.id).where('reason', '=', reason).executeTakeFirst();
            if (!entry || new Date(entry.created_at).getTime() > givenAt.getTime()) continue;
            await liftSuppression(trx, deps, { emailHash, scope: target.id, reason, actor: ctx.actor, note: `fresh consent, receipt ${results[i]!.receiptId}` });
          }
        }
      }
    }
    return results;
  });
}
