import { parseDuration } from '../../law/duration.js';
import type { Rule, RuleReport } from '../rule.js';
import { findPlaceholder, label } from '../rule-helpers.js';

/** Retention periods are machine-readable so retention can be scheduled. */
export const retentionPeriodFormat: Rule = {
  id: 'retention-period-format',
  severity: 'error',
  title: 'Retention periods are written as a number and a unit',
  citation: 'UK GDPR Art 13(2)(a), Art 5(1)(e); Pledge declaration format',
  description:
    'Pledge turns each retention period into a deletion schedule, so a period must be a whole number and a unit: "30 days", "2 weeks", "24 months", "6 years" ' +
    '("one month" is also understood). Say what the period runs from in `from` (e.g. last_contact). Where no fixed period can be given, remove `period` ' +
    'and write the `criteria` instead. The same applies to a processor activity\'s deletion_on_instruction. Placeholders such as "TBC" are reported by placeholder-value.',
  example: 'retention:\n  - id: invoices\n    data_categories: [billing_details]\n    period: 6 years\n    from: contract_end\n    reason: HMRC record-keeping rules',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const bad = (text: string) => !parseDuration(text) && !findPlaceholder(text);
    for (const [i, r] of d.retention.entries()) {
      if (r.period === undefined || !bad(r.period)) continue;
      reports.push({
        path: ['retention', i, 'period'],
        message: `The retention period "${r.period}" of rule ${label(r)} is not a number and a unit. Write it like "24 months" or "6 years", with the start event in "from:", or replace it by "criteria:" if no fixed period applies.`,
      });
    }
    for (const [i, a] of d.processor_activities.entries()) {
      if (a.deletion_on_instruction === undefined || !bad(a.deletion_on_instruction)) continue;
      reports.push({
        path: ['processor_activities', i, 'deletion_on_instruction'],
        message: `The deletion time "${a.deletion_on_instruction}" of processor activity ${label(a)} is not a number and a unit. Write it like "30 days".`,
      });
    }
    return reports;
  },
};
