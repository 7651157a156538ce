import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Direct marketing comes with a stated, separate way to object or unsubscribe. */
export const marketingObjectionRoute: Rule = {
  id: 'marketing-objection-route',
  severity: 'error',
  title: 'Direct marketing states how to object or unsubscribe',
  citation: 'UK GDPR Art 21(2)-(4); PECR reg 22(3)',
  description:
    'People have an absolute right to object to direct marketing: once they object it must stop, with no balancing (Art 21(2)-(3)). ' +
    'The right must be brought to their attention clearly and separately from other information (Art 21(4)), and every marketing email ' +
    'must offer a simple, free way to opt out (PECR reg 22). State the route in the purpose\'s `objection` (e.g. the unsubscribe link) or in `rights.objection`.',
  example: 'purposes:\n  - id: newsletter\n    direct_marketing: true\n    objection: Use the unsubscribe link in any email, or email privacy@example.com',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    if (d.rights?.objection) return reports;
    for (const [i, p] of d.purposes.entries()) {
      if (!p.direct_marketing || p.objection) continue;
      reports.push({
        path: ['purposes', i],
        message: `The direct marketing purpose ${label(p)} does not say how to object or unsubscribe. Add "objection:" (e.g. "use the unsubscribe link in any email") so the absolute right to object is shown separately.`,
      });
    }
    return reports;
  },
};
