import type { Rule, RuleReport } from '../rule.js';
import { label, listOf } from '../rule-helpers.js';

/** Special category data needs an Art 9(2) condition as well as an Art 6 basis. */
export const specialCategoryCondition: Rule = {
  id: 'special-category-condition',
  severity: 'error',
  title: 'Purposes using special category data name an Art 9 condition',
  citation: 'UK GDPR Art 9(1)-(2); DPA 2018 s.10',
  description:
    'Processing health, biometric, genetic data, or data revealing racial or ethnic origin, political opinions, religious or philosophical beliefs, ' +
    'trade union membership or sex life and sexual orientation is prohibited (Art 9(1)) unless one of the Art 9(2) conditions applies, in addition to ' +
    'an Art 6 basis. Add `special_category_condition` to each purpose that uses such a category, with the Schedule 1 condition where DPA 2018 s.10 requires one.',
  example:
    'purposes:\n  - id: workplace_adjustments\n    data_categories: [health_information]\n    lawful_bases: [{ basis: legal_obligation, obligation: Equality Act 2010 s.20 }]\n' +
    '    special_category_condition:\n      condition: employment_social_security\n      schedule_1: Part 1 para 1 (employment, social security and social protection)',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const special = new Map(d.data_categories.filter((c) => c.special_category).map((c) => [c.id, c]));
    for (const [i, p] of d.purposes.entries()) {
      if (p.special_category_condition) continue;
      const used = p.data_categories.filter((id) => special.has(id)).map((id) => special.get(id)!);
      if (used.length === 0) continue;
      reports.push({
        path: ['purposes', i, 'data_categories'],
        message:
          `The purpose ${label(p)} uses special category data (${listOf(used.map((c) => `${label(c)}: ${c.special_category!.replace(/_/g, ' ')}`))}) ` +
          'but names no Art 9 condition. Add "special_category_condition:" with the Art 9(2) condition (e.g. explicit_consent, employment_social_security), or stop using the category.',
      });
    }
    return reports;
  },
};
