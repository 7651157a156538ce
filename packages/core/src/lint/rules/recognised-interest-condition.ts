import type { Rule, RuleReport } from '../rule.js';
import { eachBasis, label } from '../rule-helpers.js';

/** Recognised legitimate interest is only available for the conditions listed in Annex 1. */
export const recognisedInterestCondition: Rule = {
  id: 'recognised-interest-condition',
  severity: 'error',
  title: 'A recognised legitimate interest names its Annex 1 condition',
  citation: 'UK GDPR Art 6(1)(ea) and Annex 1 (inserted by the Data (Use and Access) Act 2025)',
  description:
    'Recognised legitimate interest (Art 6(1)(ea)) needs no balancing test, but only for the purposes listed in Annex 1: disclosure to a public body ' +
    'for its task, national security or defence, emergencies, crime, and safeguarding vulnerable people. A purpose outside those conditions must use ' +
    'another basis, usually legitimate interests with an assessment. Name the condition in `condition`.',
  example: 'lawful_bases:\n  - basis: recognised_legitimate_interest\n    condition: crime',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const { purpose, basis, path } of eachBasis(d)) {
      if (basis.basis !== 'recognised_legitimate_interest' || basis.condition) continue;
      reports.push({
        path,
        message:
          `The purpose ${label(purpose)} relies on a recognised legitimate interest without naming the Annex 1 condition. ` +
          'Add "condition:" (disclosure_to_public_body, national_security_defence, emergencies, crime or safeguarding), or use legitimate_interests with an assessment if none applies.',
      });
    }
    return reports;
  },
};
