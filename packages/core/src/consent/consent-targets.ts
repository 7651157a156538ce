import type { Declaration } from '../declaration/schema/declaration.js';
import type { Purpose } from '../declaration/schema/processing.js';
import { buildBannerConfig } from './banner-config.js';

/** A choice a receipt may record: a purpose, or a cookie category (keyed `cookie:<category>`). */
export interface ConsentTarget {
  /** The key receipts use: the purpose id, or `cookie:<category>`. */
  key: string;
  kind: 'purpose' | 'cookie';
  /** Purpose or category id. */
  id: string;
  name: string;
  /**
   * opt_in: rests on consent (Art 6(1)(a), PECR reg 6): not allowed until granted.
   * opt_out: may go ahead until the person objects or opts out: direct marketing on legitimate interests (Art 21(2)-(3),
   * absolute) or an exempt statistics/appearance cookie category (PECR reg 6 as amended 2026: a simple way to object).
   * object: rests on legitimate interests (Art 6(1)(f)) or a public task (6(1)(e)) and is not direct marketing: the
   * person may object on grounds of their particular situation (Art 21(1)); "refused" records that objection, after
   * which the processing stops unless the organisation shows compelling legitimate grounds (not absolute, unlike
   * marketing). "granted" records that the person withdrew the objection.
   */
  mode: 'opt_in' | 'opt_out' | 'object';
  directMarketing: boolean;
  /**
   * For a purpose consented to through the cookie banner (its consent mechanism is `cookie_banner`): the
   * `cookie:<category>` keys whose choices give or refuse it. Receipts never name such a purpose themselves; every
   * receipt that decides its categories records the purpose too (withCookiePurposes). Absent for other targets.
   */
  cookieKeys?: string[];
}

export const COOKIE_KEY_PREFIX = 'cookie:';

/**
 * The cookie categories a purpose consented to through the cookie banner follows: the categories of the cookies that
 * send data to one of the purpose's recipients (a cookie's `recipient`), else every category that needs consent. Only
 * categories the banner asks about count (strictly necessary is never asked: PECR reg 6(4)).
 */
function cookieKeysOf(purpose: Purpose, declaration: Declaration, asked: readonly { id: string; mode: string }[]): string[] {
  const recipients = new Set(purpose.recipients ?? []);
  const askedIds = new Set<string>(asked.map((c) => c.id));
  const viaRecipients = new Set<string>((declaration.cookies?.items ?? []).filter((c) => c.recipient !== undefined && recipients.has(c.recipient) && askedIds.has(c.category)).map((c) => c.category));
  const ids = viaRecipients.size > 0 ? asked.filter((c) => viaRecipients.has(c.id)).map((c) => c.id) : asked.filter((c) => c.mode === 'opt_in').map((c) => c.id);
  return ids.map((id) => `${COOKIE_KEY_PREFIX}${id}`);
}

/**
 * What a consent receipt may name, from the published declaration: every purpose resting on consent, every direct
 * marketing purpose on legitimate interests (the person can object, Art 21(2)), every other purpose resting on
 * legitimate interests or a public task (the person can object, Art 21(1)), and every cookie category the banner asks
 * about (strictly necessary is never asked: PECR reg 6(4)). Other purposes (contract, legal obligation, ...) do not rest
 * on a choice, so a receipt naming them is refused. A purpose consented to through the cookie banner carries the
 * cookie keys it follows (`cookieKeys`): its consent is given and withdrawn with those categories, never on its own.
 */
export function consentTargets(declaration: Declaration): ConsentTarget[] {
  const out: ConsentTarget[] = [];
  const asked = buildBannerConfig(declaration).categories.filter((c) => c.mode !== 'always');
  for (const p of declaration.purposes ?? []) {
    const bases = p.lawful_bases.map((b) => b.basis);
    const directMarketing = p.direct_marketing === true;
    if (bases.includes('consent')) {
      const viaBanner = p.lawful_bases.some((b) => b.basis === 'consent' && b.consent?.mechanism === 'cookie_banner');
      const cookieKeys = viaBanner ? cookieKeysOf(p, declaration, asked) : [];
      out.push({ key: p.id, kind: 'purpose', id: p.id, name: p.name, mode: 'opt_in', directMarketing, ...(cookieKeys.length ? { cookieKeys } : {}) });
    } else if (directMarketing && bases.includes('legitimate_interests')) out.push({ key: p.id, kind: 'purpose', id: p.id, name: p.name, mode: 'opt_out', directMarketing });
    else if (bases.includes('legitimate_interests') || bases.includes('public_task')) out.push({ key: p.id, kind: 'purpose', id: p.id, name: p.name, mode: 'object', directMarketing });
  }
  for (const c of asked) {
    out.push({ key: `${COOKIE_KEY_PREFIX}${c.id}`, kind: 'cookie', id: c.id, name: c.id.replace(/_/g, ' '), mode: c.mode === 'opt_out' ? 'opt_out' : 'opt_in', directMarketing: false });
  }
  return out;
}

/**
 * A receipt's choices with the purposes consented to through the cookie banner that its cookie choices decide (UK GDPR
 * Art 7(1): the banner is the declared way of giving that consent, so its receipt is the proof of it): a purpose is
 * refused when any of its categories is refused (withdrawing part of what it covers withdraws the consent, Art 7(3)),
 * granted when every one of its categories is granted, and left out (unchanged) when the receipt decides neither.
 */
export function withCookiePurposes(targets: readonly ConsentTarget[], choices: Record<string, ChoiceValue>): Record<string, ChoiceValue> {
  const out: Record<string, ChoiceValue> = { ...choices };
  for (const t of targets) {
    if (!t.cookieKeys) continue;
    const values = t.cookieKeys.map((k) => choices[k]);
    if (values.includes('refused')) out[t.key] = 'refused';
    else if (values.every((v) => v === 'granted')) out[t.key] = 'granted';
  }
  return out;
}

/** The keys of `choices` that name a purpose consented to through the cookie banner (which follows its categories). */
export function cookiePurposeChoices(targets: readonly ConsentTarget[], choices: Record<string, ChoiceValue>): ConsentTarget[] {
  return targets.filter((t) => t.cookieKeys && t.key in choices);
}

export type ChoiceValue = 'granted' | 'refused';

/** The keys of `choices` the declaration does not offer as a choice, for an error that names them. */
export function unknownChoices(targets: readonly ConsentTarget[], choices: Record<string, ChoiceValue>): string[] {
  const known = new Set(targets.map((t) => t.key));
  return Object.keys(choices).filter((k) => !known.has(k));
}

/** One receipt's part in working out the current state. */
export interface ReceiptForState {
  /** Store order: a number or a numeric string (bigserial). */
  id: string | number;
  recordedAt: string | Date;
  /** When the person chose (a receipt may be recorded later, e.g. an import); default: recordedAt. */
  givenAt?: string | Date | null | undefined;
  choices: Record<string, ChoiceValue>;
  method: string;
  receiptId: string;
}

export interface TargetState {
  state: ChoiceValue;
  at: string;
  receiptId: string;
  method: string;
}

/**
 * The current choice per target: the latest receipt that mentions it, where "latest" is the greatest time the choice was
 * made (givenAt, never later than recordedAt: a receipt cannot take effect after it was recorded), then the greatest
 * recorded time, then, between receipts recorded at the same instant (concurrent writers), the greatest store id. So a
 * consent given in the past and imported later is kept as proof but does not undo a withdrawal made since (UK GDPR
 * Art 7(3): withdrawal stands until the person consents again). The order is total and depends only on what is stored,
 * so every reader, on any process, gets the same answer for the same receipts.
 */
export function latestState(receipts: readonly ReceiptForState[]): Record<string, TargetState> {
  const effective = (r: ReceiptForState): number => {
    const recorded = new Date(r.recordedAt).getTime();
    const given = r.givenAt ? new Date(r.givenAt).getTime() : recorded;
    return Number.isNaN(given) ? recorded : Math.min(given, recorded);
  };
  const sorted = [...receipts].sort((a, b) => {
    const ea = effective(a);
    const eb = effective(b);
    if (ea !== eb) return ea - eb;
    const ta = new Date(a.recordedAt).getTime();
    const tb = new Date(b.recordedAt).getTime();
    if (ta !== tb) return ta - tb;
    const ia = BigInt(a.id);
    const ib = BigInt(b.id);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  const out: Record<string, TargetState> = {};
  for (const r of sorted) {
    for (const [k, v] of Object.entries(r.choices)) out[k] = { state: v, at: new Date(r.recordedAt).toISOString(), receiptId: r.receiptId, method: r.method };
  }
  return out;
}

/**
 * Whether each target may be used now: opt_in targets only when granted; opt_out targets unless refused; object targets
 * unless the person objected (Art 21(1): the processing stops; the organisation may go on only if it shows compelling
 * legitimate grounds, a decision recorded outside the ledger); any direct marketing target never when the person's
 * address is suppressed (an objection is absolute, Art 21(3)).
 */
export function allowedNow(targets: readonly ConsentTarget[], state: Record<string, TargetState>, opts: { suppressed?: (t: ConsentTarget) => boolean } = {}): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const t of targets) {
    const s = state[t.key]?.state;
    let ok = t.mode === 'opt_in' ? s === 'granted' : s !== 'refused';
    if (ok && t.directMarketing && opts.suppressed?.(t)) ok = false;
    out[t.key] = ok;
  }
  return out;
}
