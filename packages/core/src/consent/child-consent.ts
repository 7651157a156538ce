import type { Declaration } from '../declaration/schema/declaration.js';
import type { ChoiceValue, ConsentTarget } from './consent-targets.js';

/** UK age of digital consent: UK GDPR Art 8(1) as modified by DPA 2018 s.9. */
export const UK_CONSENT_AGE = 13;

/** One age rule for consent. */
export interface AgeRule {
  /** Under this age a parent's consent is needed (Art 8(1)). */
  age: number;
  /**
   * Under this age the declaration says its services are not offered at all (children.minimum_age, or the youngest age
   * of every subject group a purpose concerns): no consent can be recorded, not even with a parent's.
   */
  minimumAge?: number;
  citation: string;
}

export interface ChildConsentRule extends AgeRule {
  /** False when only some purposes have a rule (their subject groups include children): see byPurpose. Default true. */
  appliesToAll?: boolean;
  /** Purposes with a rule of their own, from their subject groups: it replaces the general rule for them. */
  byPurpose?: Record<string, AgeRule>;
}

const ART8 = 'UK GDPR Art 8(1); DPA 2018 s.9 (UK age 13)';

/**
 * The age rule a declaration sets for consent (UK GDPR Art 8(1), DPA 2018 s.9), from everything it declares:
 * - `children.consent_age`: the age from which a person consents alone;
 * - `children.directed_at_children`, or `children.minimum_age` under 13 (services offered to under-13s): the UK age, 13;
 * - `children.minimum_age` (any): the services are not offered under it (seed 002, Jumpmind: "directed to people who are
 *   at least 13 years old"; seed 000, Jupiter: "not intended for children under 18"), so consent from a younger person
 *   cannot be recorded at all; with no consent age declared the UK age of 13 still applies to parental consent;
 * - subject groups marked `children: true` or with a `minimum_age` under 18: the purposes concerning them have the
 *   rule (the UK age unless consent_age says otherwise), and a purpose whose every group declares a `minimum_age` is not
 *   offered under the youngest of them.
 * None when the declaration says none of these (the rule is then not applied).
 */
export function childConsentRule(declaration: Declaration): ChildConsentRule | undefined {
  const c = declaration.children;
  let general: AgeRule | undefined;
  if (c?.consent_age !== undefined) general = { age: c.consent_age, citation: 'UK GDPR Art 8(1); DPA 2018 s.9; declaration children.consent_age' };
  else if (c?.directed_at_children === true) general = { age: UK_CONSENT_AGE, citation: `${ART8}; declaration children.directed_at_children` };
  else if (c?.minimum_age !== undefined) general = { age: UK_CONSENT_AGE, citation: `${ART8}; declaration children.minimum_age` };
  if (general && c?.minimum_age !== undefined) general = { ...general, minimumAge: c.minimum_age, citation: general.citation.includes('minimum_age') ? general.citation : `${general.citation}; children.minimum_age` };

  const groups = new Map((declaration.subjects ?? []).map((g) => [g.id, g]));
  const isChildren = (id: string): boolean => {
    const g = groups.get(id);
    return g?.children === true || (g?.minimum_age !== undefined && g.minimum_age < 18);
  };
  const byPurpose: Record<string, AgeRule> = {};
  for (const p of declaration.purposes ?? []) {
    const subjects = p.subjects.map((id) => groups.get(id));
    const children = p.subjects.filter(isChildren);
    const mins = subjects.map((g) => g?.minimum_age);
    const groupMin = mins.length > 0 && mins.every((m) => m !== undefined) ? Math.min(...(mins as number[])) : undefined;
    if (children.length === 0 && groupMin === undefined) continue;
    const age = general?.age ?? UK_CONSENT_AGE;
    const minimumAge = [general?.minimumAge, groupMin].filter((m): m is number => m !== undefined);
    byPurpose[p.id] = {
      age,
      ...(minimumAge.length ? { minimumAge: Math.max(...minimumAge) } : {}),
      citation: `${general?.citation ?? ART8}; declaration subjects ${p.subjects.filter((id) => isChildren(id) || groups.get(id)?.minimum_age !== undefined).join(', ')}`,
    };
  }
  const hasGroups = Object.keys(byPurpose).length > 0;
  if (general) return hasGroups ? { ...general, byPurpose } : general;
  if (hasGroups) return { age: UK_CONSENT_AGE, citation: ART8, appliesToAll: false, byPurpose };
  return undefined;
}

/** The rule for one target: its purpose's own, else the general one (when it applies to all). */
function ruleFor(rule: ChildConsentRule, key: string): AgeRule | undefined {
  return rule.byPurpose?.[key] ?? (rule.appliesToAll === false ? undefined : rule);
}

export interface ParentalConsentEvidence {
  /** How the parent gave consent and how it was verified, e.g. "signed form checked against the parent's account". */
  method: string;
  /** Where the evidence is kept: a document id, a ticket, a reference. */
  reference: string;
}

/**
 * Whether a receipt may be recorded under the declared age rule: a person stated to be under the age may have a
 * consent-based target granted only with a parent's consent evidenced (Art 8(1)-(2): "reasonable efforts to verify");
 * under the declared minimum age, not at all (the declaration says the service is not offered to them; a parent's
 * consent does not change that). Refusals and withdrawals never need anything: withdrawing must stay as easy as
 * giving (Art 7(3)).
 * @returns undefined when fine, else the reason, the message to send and the targets concerned.
 */
export function checkChildConsent(
  rule: ChildConsentRule | undefined,
  targets: readonly ConsentTarget[],
  receipt: { choices: Record<string, ChoiceValue>; age?: number | undefined; parentalConsent?: ParentalConsentEvidence | undefined },
): { reason: 'below_minimum_age' | 'parental_consent_required'; message: string; keys: string[]; age: number } | undefined {
  const age = receipt.age;
  if (!rule || age === undefined) return undefined;
  const optIn = new Set(targets.filter((t) => t.mode === 'opt_in').map((t) => t.key));
  const granted = Object.entries(receipt.choices)
    .filter(([k, v]) => v === 'granted' && optIn.has(k))
    .map(([k]) => [k, ruleFor(rule, k)] as const)
    .filter((e): e is readonly [string, AgeRule] => e[1] !== undefined);
  const tooYoung = granted.filter(([, r]) => r.minimumAge !== undefined && age < r.minimumAge);
  if (tooYoung.length) {
    const r = tooYoung[0]![1];
    const keys = tooYoung.map(([k]) => k);
    return {
      reason: 'below_minimum_age',
      age: r.minimumAge!,
      keys,
      message: `This person is ${age}, under ${r.minimumAge}, the youngest age the declaration says ${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} offered to (${r.citation}): no consent to ${keys.join(', ')} can be recorded for them, even from a parent. Record the refusal instead, or publish a declaration that offers the service to this age.`,
    };
  }
  const evidence = receipt.parentalConsent;
  if (evidence && evidence.method.trim() && evidence.reference.trim()) return undefined;
  const under = granted.filter(([, r]) => age < r.age);
  if (under.length === 0) return undefined;
  const r = under[0]![1];
  const keys = under.map(([k]) => k);
  return {
    reason: 'parental_consent_required',
    age: r.age,
    keys,
    message: `This person is ${age}, under the age of ${r.age} the declaration sets for consent (${r.citation}): consent to ${keys.join(', ')} must come from a parent. Send parentalConsent { method, reference } describing how the parent consented and how that was verified, or record the refusal instead.`,
  };
}
