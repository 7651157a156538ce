import type { Rule, RuleReport } from '../rule.js';
import { eachBasis, label } from '../rule-helpers.js';

/** Legitimate interests need a recorded balancing test. */
export const legitimateInterestAssessment: Rule = {
  id: 'legitimate-interest-assessment',
  severity: 'warning',
  title: 'A legitimate interests basis points to its legitimate interests assessment',
  citation: 'UK GDPR Art 6(1)(f), Art 5(2) (accountability); ICO guidance on legitimate interests',
  description:
    'Legitimate interests is the only basis that needs a balancing test: the purpose, whether the processing is necessary for it, ' +
    'and whether people\'s interests override yours. The ICO expects the assessment (LIA) to be written down so you can show it (Art 5(2)), ' +
    'and the record of processing has a column linking to it. Record where the LIA is in `assessment`.',
  example: 'lawful_bases:\n  - basis: legitimate_interests\n    interest: Keeping our service secure\n    assessment: https://intranet.example.com/privacy/lia-security',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const { purpose, basis, path } of eachBasis(d)) {
      if (basis.basis !== 'legitimate_interests' || basis.assessment) continue;
      reports.push({
        path,
        message: `The purpose ${label(purpose)} relies on legitimate interests with no assessment recorded. Carry out a legitimate interests assessment (purpose, necessity, balance) and put its reference or link in "assessment:".`,
      });
    }
    return reports;
  },
};
