import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** A retention rule says how long, or how that is decided. */
export const retentionPeriodOrCriteria: Rule = {
  id: 'retention-period-or-criteria',
  severity: 'error',
  title: 'Every retention rule has a period or criteria',
  citation: 'UK GDPR Art 13(2)(a), Art 14(2)(a)',
  description:
    'The notice must give the period for which data is kept or, if that is not possible, the criteria used to determine it. ' +
    'A retention rule with neither says nothing. Add `period` (e.g. "6 years" with `from`) or `criteria` (e.g. "until the end of any dispute, then 6 years").',
  example: 'retention:\n  - id: support\n    purposes: [support]\n    period: 12 months\n    from: ticket_resolved',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, r] of d.retention.entries()) {
      if (r.period || r.criteria) continue;
      reports.push({
        path: ['retention', i],
        message: `The retention rule ${label(r)} gives neither a period nor criteria. Add "period:" (e.g. "24 months") with "from:", or "criteria:" describing how the time is decided.`,
      });
    }
    return reports;
  },
};
