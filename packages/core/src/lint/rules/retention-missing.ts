import type { Rule, RuleReport } from '../rule.js';
import { label, listOf } from '../rule-helpers.js';

/** Every data category used for our own purposes has a retention period or criteria. */
export const retentionMissing: Rule = {
  id: 'retention-missing',
  severity: 'error',
  title: 'Every data category used by a purpose is covered by a retention rule',
  citation: 'UK GDPR Art 13(2)(a), Art 14(2)(a), Art 5(1)(e), Art 30(1)(f)',
  description:
    'Data may be kept no longer than needed (storage limitation, Art 5(1)(e)), and the notice must say how long each kind of data is kept, ' +
    'or the criteria used to decide (Art 13(2)(a)). A retention rule covers a data category when it lists the category, or a purpose that uses it. ' +
    'Add a rule under `retention` for each uncovered category.',
  example: 'retention:\n  - id: enquiries\n    purposes: [enquiries]\n    period: 24 months\n    from: last_contact',
  check({ declaration: d, index }) {
    const reports: RuleReport[] = [];
    const purposes = new Map(d.purposes.map((p) => [p.id, p]));
    const covered = new Set<string>();
    for (const r of d.retention) {
      for (const id of r.data_categories ?? []) covered.add(id);
      for (const pid of r.purposes ?? []) for (const id of purposes.get(pid)?.data_categories ?? []) covered.add(id);
    }
    for (const [i, c] of d.data_categories.entries()) {
      if (covered.has(c.id)) continue;
      const users = index.purposesUsing(c.id);
      // Categories used only in processor activities follow the customer's instructions, not our retention schedule.
      if (users.length === 0) continue;
      reports.push({
        path: ['data_categories', i],
        message:
          `No retention rule covers the data category ${label(c)}, used by ${listOf(users.map((p) => label(p)))}. ` +
          `Add a rule under retention listing "${c.id}" in data_categories (or one of those purposes) with a period such as "24 months", or criteria.`,
      });
    }
    return reports;
  },
};
