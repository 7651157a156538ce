import { ART9_CONDITIONS } from '../../law/lawful-bases.js';
import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Art 9(2)(b), (g), (h), (i) and (j) apply only with a DPA 2018 Schedule 1 condition. */
export const schedule1Condition: Rule = {
  id: 'schedule-1-condition',
  severity: 'error',
  title: 'Art 9 conditions that need it name a DPA 2018 Schedule 1 condition',
  citation: 'DPA 2018 s.10(2)-(3) and Schedule 1; UK GDPR Art 9(2)(b), (g), (h), (i), (j)',
  description:
    'In the UK, the Art 9(2) conditions for employment and social protection (b), substantial public interest (g), health or social care (h), ' +
    'public health (i) and archiving, research and statistics (j) only apply when a condition in Schedule 1 of the DPA 2018 is also met. ' +
    'Many Schedule 1 conditions also need an appropriate policy document. Name the paragraph in `schedule_1`.',
  example: 'special_category_condition:\n  condition: employment_social_security\n  schedule_1: Part 1 para 1 (employment, social security and social protection)\n  appropriate_policy_document: APD-2025 (HR handbook)',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, p] of d.purposes.entries()) {
      const c = p.special_category_condition;
      if (!c || c.schedule_1 || !ART9_CONDITIONS[c.condition]?.needsSchedule1) continue;
      const info = ART9_CONDITIONS[c.condition]!;
      reports.push({
        path: ['purposes', i, 'special_category_condition'],
        message: `The purpose ${label(p)} relies on ${info.article} (${info.label.toLowerCase()}), which needs a DPA 2018 Schedule 1 condition. Add "schedule_1:" naming the paragraph, e.g. "Part 1 para 1".`,
      });
    }
    return reports;
  },
};
