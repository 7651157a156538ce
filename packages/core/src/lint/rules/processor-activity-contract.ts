import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Where we act as a processor, the customer's instructions are in a contract. */
export const processorActivityContract: Rule = {
  id: 'processor-activity-contract',
  severity: 'error',
  title: 'Every processor activity has a data processing agreement',
  citation: 'UK GDPR Art 28(3), Art 30(2)',
  description:
    'When you process personal data on a customer\'s behalf, you may do so only on their documented instructions under an Art 28(3) contract. ' +
    'Name the agreement (e.g. your standard DPA) in the activity\'s `contract`; it also goes into your processor record of processing (Art 30(2)).',
  example: 'processor_activities:\n  - id: learner_data\n    name: Hosting learner records for schools\n    controllers: [{ name: Our customers }]\n    subjects: [learners]\n    data_categories: [learner_records]\n    contract: Data Processing Addendum at /legal/dpa',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, a] of d.processor_activities.entries()) {
      if (a.contract) continue;
      reports.push({
        path: ['processor_activities', i],
        message: `The processor activity ${label(a)} has no contract recorded. Add "contract:" naming the data processing agreement with the customers you act for (Art 28(3)).`,
      });
    }
    return reports;
  },
};
