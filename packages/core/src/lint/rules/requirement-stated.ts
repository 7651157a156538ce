import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Contract and legal obligation purposes say whether giving the data is required, and what follows if not. */
export const requirementStated: Rule = {
  id: 'requirement-stated',
  severity: 'warning',
  title: 'Purposes relying on contract or legal obligation say whether the data is required',
  citation: 'UK GDPR Art 13(2)(e)',
  description:
    'Where data is collected from the person, the notice must say whether providing it is a statutory or contractual requirement, or a requirement ' +
    'to enter a contract, whether they are obliged to provide it, and what happens if they do not. This matters most where the basis is contract ' +
    'or legal obligation, because there the person usually cannot refuse without consequence. Fill in `requirement` with its type and consequence.',
  example: 'requirement:\n  type: contract_precondition\n  obligatory: true\n  consequence: Without your billing details we cannot open your subscription',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, p] of d.purposes.entries()) {
      if (p.requirement) continue;
      const bases = p.lawful_bases.filter((b) => b.basis === 'contract' || b.basis === 'legal_obligation').map((b) => b.basis.replace('_', ' '));
      if (bases.length === 0) continue;
      reports.push({
        path: ['purposes', i],
        message: `The purpose ${label(p)} relies on ${[...new Set(bases)].join(' and ')} but does not say whether giving the data is required. Add "requirement:" with type (statutory, contractual, contract_precondition or none), obligatory and the consequence of not providing it.`,
      });
    }
    return reports;
  },
};
