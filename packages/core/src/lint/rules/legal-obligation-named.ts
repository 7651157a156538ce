import type { Rule, RuleReport } from '../rule.js';
import { eachBasis, label } from '../rule-helpers.js';

/** A legal obligation basis is clearer when it names the law. */
export const legalObligationNamed: Rule = {
  id: 'legal-obligation-named',
  severity: 'info',
  title: 'A legal obligation basis names the law that imposes it',
  citation: 'UK GDPR Art 6(1)(c), Art 6(3); ICO guidance on legal obligation',
  description:
    'Legal obligation applies only where a law requires the processing. The ICO advises identifying the specific provision, or at least the law, ' +
    'so you can show the basis applies, and people reading the notice understand why they cannot object. Name it in `obligation`, e.g. ' +
    '"Companies Act 2006 s.386 and HMRC record-keeping rules".',
  example: 'lawful_bases:\n  - basis: legal_obligation\n    obligation: HMRC rules on keeping accounting records (VAT Act 1994 Sch 11)',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const { purpose, basis, path } of eachBasis(d)) {
      if (basis.basis !== 'legal_obligation' || basis.obligation) continue;
      reports.push({
        path,
        message: `The purpose ${label(purpose)} relies on a legal obligation without naming it. Add "obligation:" with the law or regulation that requires the processing.`,
      });
    }
    return reports;
  },
};
