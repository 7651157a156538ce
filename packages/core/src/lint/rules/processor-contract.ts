import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Every processor we use is bound by an Art 28 contract. */
export const processorContract: Rule = {
  id: 'processor-contract',
  severity: 'error',
  title: 'Every processor has a contract',
  citation: 'UK GDPR Art 28(3), Art 28(9)',
  description:
    'A processor may act on your behalf only under a written contract (a data processing agreement) that sets out the subject matter, duration, ' +
    'nature and purpose of processing, the data and the people concerned, and the processor\'s Art 28(3) obligations. Record where it is in the ' +
    'recipient\'s `contract` (e.g. "Stripe DPA, accepted 2025-01-10"), so the record of processing can link to it.',
  example: 'recipients:\n  - id: hosting\n    name: Amazon Web Services EMEA SARL\n    kind: processor\n    locations: [DE]\n    contract: AWS GDPR DPA (in AWS Service Terms)',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, r] of d.recipients.entries()) {
      if (r.kind !== 'processor' || r.contract) continue;
      reports.push({
        path: ['recipients', i],
        message: `The processor ${label(r)} has no contract recorded. Sign a data processing agreement meeting Art 28(3) and add "contract:" saying where it is.`,
      });
    }
    return reports;
  },
};
