import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Every declared recipient is tied to something it receives. */
export const recipientUnused: Rule = {
  id: 'recipient-unused',
  severity: 'warning',
  title: 'Every recipient is used by a purpose, processor activity or cookie',
  citation: 'UK GDPR Art 13(1)(e), Art 30(1)(d)',
  description:
    'The notice and the record of processing say who receives data for each purpose. A recipient that no purpose, processor activity (as a subprocessor) ' +
    'or cookie refers to is not tied to any processing, so people cannot tell what it receives. Add its id to the `recipients` of the purposes it serves, ' +
    'to a processor activity\'s `subprocessors`, or to a cookie\'s `recipient`; or remove it if you no longer use it.',
  example: 'recipients:\n  - id: stripe\n    name: Stripe\n    kind: processor\n    contract: Stripe DPA\npurposes:\n  - id: billing\n    recipients: [stripe]',
  check({ declaration: d, index }) {
    const used = new Set<string>();
    for (const ref of index.references()) if (ref.kind === 'recipients') used.add(ref.id);
    const reports: RuleReport[] = [];
    for (const [i, r] of d.recipients.entries()) {
      if (used.has(r.id)) continue;
      reports.push({
        path: ['recipients', i],
        message: `The recipient ${label(r)} is not used by any purpose, processor activity or cookie. Add "${r.id}" to the recipients of the purposes it serves (or to subprocessors), or remove it.`,
      });
    }
    return reports;
  },
};
