import type { Rule, RuleReport } from '../rule.js';
import { label, listOf } from '../rule-helpers.js';

/** Automated decisions are explained: how they are made and what they mean for the person. */
export const automatedDecisionInfo: Rule = {
  id: 'automated-decision-info',
  severity: 'error',
  title: 'Automated decisions explain their logic and significance',
  citation: 'UK GDPR Art 13(2)(f), Art 14(2)(g), Arts 22A-22D (as inserted by the Data (Use and Access) Act 2025)',
  description:
    'Where decisions with legal or similarly significant effects are made solely by automated means, including profiling, the notice must give meaningful ' +
    'information about the logic involved, and the significance and envisaged consequences for the person. Art 22C requires safeguards: telling people ' +
    'about the decision and letting them make representations, obtain human intervention and contest it. Fill in `logic` and `significance` (and `safeguards`).',
  example: 'automated_decisions:\n  - id: credit_check\n    name: Credit check for monthly billing\n    logic: A credit agency score below a set threshold declines monthly billing\n    significance: You may be offered annual prepayment instead\n    safeguards: Ask for a person to review the decision at billing@example.com',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, a] of d.automated_decisions.entries()) {
      const missing = [!a.logic && 'logic', !a.significance && 'significance'].filter((m): m is string => Boolean(m));
      if (missing.length === 0) continue;
      reports.push({
        path: ['automated_decisions', i],
        message: `The automated decision ${label(a)} does not explain its ${listOf(missing)}. Add ${listOf(missing.map((m) => `"${m}:"`))} in plain words: how the decision is reached and what it means for the person.`,
      });
    }
    return reports;
  },
};
