import { uncoveredCategories } from '../../declaration/retention-coverage.js';
import type { Rule, RuleReport } from '../rule.js';
import { label, listOf } from '../rule-helpers.js';

/** Every data category a purpose uses has a retention period or criteria for that purpose. */
export const retentionMissing: Rule = {
  id: 'retention-missing',
  severity: 'error',
  title: 'Every data category used by a purpose is covered by a retention rule',
  citation: 'UK GDPR Art 13(2)(a), Art 14(2)(a), Art 5(1)(e), Art 30(1)(f)',
  description:
    'Data may be kept no longer than needed (storage limitation, Art 5(1)(e)), and the notice must say how long each kind of data is kept ' +
    'for each purpose, or the criteria used to decide (Art 13(2)(a)). A retention rule covers a category used by a purpose when it names the purpose ' +
    '(and that category, or no categories), or names the category without naming purposes. The same contact details kept 24 months for an ' +
    'enquiry may be kept for a different time for marketing, so a rule for one purpose does not cover another. ' +
    'Add a rule under `retention` for each purpose with uncovered categories. Categories used only in processor activities follow the ' +
    "customer's instructions and need no rule here.",
  example: 'retention:\n  - id: enquiries\n    purposes: [enquiries]\n    period: 24 months\n    from: last_contact',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const categories = new Map(d.data_categories.map((c) => [c.id, c]));
    for (const [i, p] of d.purposes.entries()) {
      const missing = uncoveredCategories(p, d.retention);
      if (!missing.length) continue;
      const names = missing.map((id) => { const c = categories.get(id); return c ? label(c) : `"${id}"`; });
      reports.push({
        path: ['purposes', i, 'data_categories'],
        message:
          `No retention rule covers ${listOf(names)} as used by the purpose ${label(p)}. ` +
          `Add a rule under retention with purposes: [${p.id}] and a period such as "24 months" from a trigger event, or criteria.`,
      });
    }
    return reports;
  },
};
