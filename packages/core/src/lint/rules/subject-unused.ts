import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Every declared group of people is concerned by some processing. */
export const subjectUnused: Rule = {
  id: 'subject-unused',
  severity: 'warning',
  title: 'Every subject group is used by a purpose or processor activity',
  citation: 'UK GDPR Art 30(1)(c), Art 12(1)',
  description:
    'The notice tells each group of people (customers, job applicants, website visitors) what happens to their data, and the record of processing lists ' +
    'categories of data subjects per purpose. A group no purpose or processor activity concerns is left without an answer. Add it to the `subjects` of ' +
    'the purposes concerning it, or remove it.',
  example: 'subjects:\n  - id: applicants\n    name: Job applicants\npurposes:\n  - id: recruitment\n    subjects: [applicants]',
  check({ declaration: d, index }) {
    const used = new Set<string>();
    for (const ref of index.references()) if (ref.kind === 'subjects') used.add(ref.id);
    const reports: RuleReport[] = [];
    for (const [i, s] of d.subjects.entries()) {
      if (used.has(s.id)) continue;
      reports.push({
        path: ['subjects', i],
        message: `The subject group ${label(s)} is not concerned by any purpose or processor activity. Add "${s.id}" to the subjects of the purposes that concern them, or remove the group.`,
      });
    }
    return reports;
  },
};
