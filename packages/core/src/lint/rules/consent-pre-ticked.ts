import type { Rule, RuleReport } from '../rule.js';
import { eachBasis, label } from '../rule-helpers.js';

/** Pre-ticked boxes are not consent. */
export const consentPreTicked: Rule = {
  id: 'consent-pre-ticked',
  severity: 'error',
  title: 'Consent is not collected with pre-ticked boxes',
  citation: 'UK GDPR Art 4(11), Art 7, recital 32; CJEU C-673/17 Planet49',
  description:
    'Consent must be a clear affirmative act. Silence, inactivity and pre-ticked boxes are not consent (recital 32), as the Court of Justice held ' +
    'in Planet49 for cookie consent. A box already ticked records nothing the person did. Leave boxes unticked so the person opts in (`opt_in`), ' +
    'or confirm by email (`double_opt_in`).',
  example: 'consent:\n  mechanism: opt_in\n  withdraw: Unsubscribe link in every email',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const { purpose, basis, path } of eachBasis(d)) {
      if (basis.basis !== 'consent' || basis.consent?.mechanism !== 'pre_ticked') continue;
      reports.push({
        path: [...path, 'consent', 'mechanism'],
        message: `The purpose ${label(purpose)} collects consent with a pre-ticked box, which is not valid consent. Leave the box unticked so people tick it themselves, and set mechanism to opt_in.`,
      });
    }
    return reports;
  },
};
