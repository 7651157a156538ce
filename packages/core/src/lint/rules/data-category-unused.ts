import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Every declared data category is processed for something. */
export const dataCategoryUnused: Rule = {
  id: 'data-category-unused',
  severity: 'warning',
  title: 'Every data category is used by a purpose or processor activity',
  citation: 'UK GDPR Art 5(1)(b)-(c) (purpose limitation, data minimisation), Art 30(1)(c)',
  description:
    'Personal data may be collected only for specified purposes and must be limited to what is necessary for them. A data category no purpose or processor ' +
    'activity uses either has a purpose missing from the declaration, or is data you should not hold. Add it to the purposes that use it, or remove it.',
  example: 'data_categories:\n  - id: contact_details\n    name: Contact details\npurposes:\n  - id: enquiries\n    data_categories: [contact_details]',
  check({ declaration: d, index }) {
    const used = new Set<string>();
    for (const ref of index.references()) if (ref.kind === 'data_categories' && ref.path[0] !== 'retention') used.add(ref.id);
    const reports: RuleReport[] = [];
    for (const [i, c] of d.data_categories.entries()) {
      if (used.has(c.id)) continue;
      reports.push({
        path: ['data_categories', i],
        message: `The data category ${label(c)} is not used by any purpose or processor activity. Add "${c.id}" to the data_categories of the purposes that use it, or remove it if you do not hold such data.`,
      });
    }
    return reports;
  },
};
