import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Every purpose names at least one Art 6(1) lawful basis. */
export const purposeLawfulBasis: Rule = {
  id: 'purpose-lawful-basis',
  severity: 'error',
  title: 'Every purpose has a lawful basis',
  citation: 'UK GDPR Art 6(1), Art 13(1)(c)',
  description:
    'Processing is lawful only if one of the Art 6(1) bases applies, and the notice must state the basis for each purpose (Art 13(1)(c)). ' +
    'A purpose with an empty lawful_bases list cannot be published. Add the basis you rely on (consent, contract, legal_obligation, ' +
    'vital_interests, public_task, recognised_legitimate_interest or legitimate_interests), with `when` if different bases apply to different people.',
  example: 'purposes:\n  - id: billing\n    name: Billing\n    subjects: [customers]\n    data_categories: [billing_details]\n    lawful_bases:\n      - basis: contract',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, p] of d.purposes.entries()) {
      if (p.lawful_bases.length > 0) continue;
      reports.push({
        path: ['purposes', i, 'lawful_bases'],
        message: `The purpose ${label(p)} has no lawful basis. Add at least one entry under lawful_bases, e.g. "- basis: contract" or "- basis: legitimate_interests" with the interest.`,
      });
    }
    return reports;
  },
};
