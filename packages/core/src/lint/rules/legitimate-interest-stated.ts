import type { Rule, RuleReport } from '../rule.js';
import { eachBasis, label } from '../rule-helpers.js';

/** Legitimate interests as a basis must say which interest is pursued. */
export const legitimateInterestStated: Rule = {
  id: 'legitimate-interest-stated',
  severity: 'error',
  title: 'A legitimate interests basis states the interest pursued',
  citation: 'UK GDPR Art 6(1)(f), Art 13(1)(d)',
  description:
    'Where you rely on legitimate interests, the notice must tell people what those interests are (Art 13(1)(d)); ' +
    '"our legitimate interests" alone tells them nothing. Write the interest in `interest`, in plain words ' +
    '(e.g. "keeping our service secure and preventing fraud").',
  example: 'lawful_bases:\n  - basis: legitimate_interests\n    interest: Responding to the enquiries people send us\n    assessment: LIA-2025-01 (privacy folder)',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const { purpose, basis, path } of eachBasis(d)) {
      if (basis.basis !== 'legitimate_interests' || basis.interest) continue;
      reports.push({
        path,
        message: `The purpose ${label(purpose)} relies on legitimate interests but does not say which interest. Add "interest:" stating it in plain words, e.g. "responding to your enquiry".`,
      });
    }
    return reports;
  },
};
