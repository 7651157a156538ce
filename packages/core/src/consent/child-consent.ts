import type { Declaration } from '../declaration/schema/declaration.js';
import type { ChoiceValue, ConsentTarget } from './consent-targets.js';

/** UK age of digital consent: UK GDPR Art 8(1) as modified by DPA 2018 s.9. */
export const UK_CONSENT_AGE = 13;

export interface ChildConsentRule {
  /** Under this age a parent's consent is needed. */
  age: number;
  citation: string;
}

/**
 * The age rule a declaration sets for consent: its `children.consent_age`, or the UK age (13) when it says its
 * services are directed at children. None when the declaration marks neither (the rule is then not applied).
 */
export function childConsentRule(declaration: Declaration): ChildConsentRule | undefined {
  const c = declaration.children;
  if (c?.consent_age !== undefined) return { age: c.consent_age, citation: 'UK GDPR Art 8(1); DPA 2018 s.9; declaration children.consent_age' };
  if (c?.directed_at_children === true) return { age: UK_CONSENT_AGE, citation: 'UK GDPR Art 8(1); DPA 2018 s.9 (UK age 13)' };
  return undefined;
}

export interface ParentalConsentEvidence {
  /** How the parent gave consent and how it was verified, e.g. "signed form checked against the parent's account". */
  method: string;
  /** Where the evidence is kept: a document id, a ticket, a reference. */
  reference: string;
}

/**
 * Whether a receipt may be recorded under the declared age rule: a person stated to be under the age may have a
 * consent-based target granted only with a parent's consent evidenced (Art 8(1)-(2): "reasonable efforts to verify").
 * Refusals and withdrawals never need it: withdrawing must stay as easy as giving (Art 7(3)).
 * @returns undefined when fine, else the message to send and the targets concerned.
 */
export function checkChildConsent(
  rule: ChildConsentRule | undefined,
  targets: readonly ConsentTarget[],
  receipt: { choices: Record<string, ChoiceValue>; age?: number | undefined; parentalConsent?: ParentalConsentEvidence | undefined },
): { message: string; keys: string[]; age: number } | undefined {
  if (!rule || receipt.age === undefined || receipt.age >= rule.age) return undefined;
  const optIn = new Set(targets.filter((t) => t.mode === 'opt_in').map((t) => t.key));
  const keys = Object.entries(receipt.choices)
    .filter(([k, v]) => v === 'granted' && optIn.has(k))
    .map(([k]) => k);
  if (keys.length === 0) return undefined;
  const evidence = receipt.parentalConsent;
  if (evidence && evidence.method.trim() && evidence.reference.trim()) return undefined;
  return {
    age: rule.age,
    keys,
    message: `This person is ${receipt.age}, under the age of ${rule.age} the declaration sets for consent (${rule.citation}): consent to ${keys.join(', ')} must come from a parent. Send parentalConsent { method, reference } describing how the parent consented and how that was verified, or record the refusal instead.`,
  };
}
