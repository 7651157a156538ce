import { findPlaceholder } from './find-placeholder.js';
import type { Purpose } from './schema/processing.js';
import type { RetentionRule } from './schema/retention.js';

/**
 * True when a retention rule governs data category `categoryId` as used by `purpose`:
 * it names the purpose (and the category, or no categories), or names the category without naming purposes,
 * or names neither (a rule for everything).
 */
export function ruleCovers(rule: RetentionRule, purpose: Pick<Purpose, 'id'>, categoryId: string): boolean {
  const purposes = rule.purposes ?? [];
  const categories = rule.data_categories ?? [];
  if (purposes.length) return purposes.includes(purpose.id) && (categories.length === 0 || categories.includes(categoryId));
  return categories.length === 0 || categories.includes(categoryId);
}

/** True when the rule states a usable period or criteria (not empty, not a placeholder such as "TBC"). */
export function statesRetention(rule: RetentionRule): boolean {
  const usable = (s: string | undefined) => Boolean(s && s.trim() && !findPlaceholder(s));
  return usable(rule.period) || usable(rule.criteria);
}

/**
 * The data categories of a purpose that no retention rule covers (Art 13(2)(a), Art 5(1)(e)).
 * With `requireStated`, rules with only a placeholder period do not count (used for what the notice tells people).
 */
export function uncoveredCategories(purpose: Pick<Purpose, 'id' | 'data_categories'>, rules: readonly RetentionRule[], requireStated = false): string[] {
  const usable = requireStated ? rules.filter(statesRetention) : rules;
  return purpose.data_categories.filter((c) => !usable.some((r) => ruleCovers(r, purpose, c)));
}
