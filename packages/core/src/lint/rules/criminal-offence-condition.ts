import type { Rule, RuleReport } from '../rule.js';
import { label, listOf } from '../rule-helpers.js';

/** Criminal offence data needs official authority or a Schedule 1 condition. */
export const criminalOffenceCondition: Rule = {
  id: 'criminal-offence-condition',
  severity: 'error',
  title: 'Purposes using criminal offence data name their Art 10 condition',
  citation: 'UK GDPR Art 10; DPA 2018 s.10(5) and Schedule 1 Parts 1-3',
  description:
    'Personal data about criminal convictions and offences (including DBS checks and allegations) may be processed only under official authority ' +
    'or when a DPA 2018 Schedule 1 condition is met (Art 10, DPA 2018 s.10(5)), usually with an appropriate policy document. ' +
    'Name it in the purpose\'s `criminal_offence_condition`.',
  example: 'purposes:\n  - id: vetting\n    data_categories: [criminal_records]\n    criminal_offence_condition: DPA 2018 Sch 1 Part 1 para 1 (employment), appropriate policy document APD-2025',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const criminal = new Map(d.data_categories.filter((c) => c.criminal_offence).map((c) => [c.id, c]));
    for (const [i, p] of d.purposes.entries()) {
      if (p.criminal_offence_condition) continue;
      const used = p.data_categories.filter((id) => criminal.has(id)).map((id) => criminal.get(id)!);
      if (used.length === 0) continue;
      reports.push({
        path: ['purposes', i, 'data_categories'],
        message: `The purpose ${label(p)} uses criminal offence data (${listOf(used.map((c) => label(c)))}) without a condition. Add "criminal_offence_condition:" naming the official authority or the DPA 2018 Schedule 1 condition relied on.`,
      });
    }
    return reports;
  },
};
