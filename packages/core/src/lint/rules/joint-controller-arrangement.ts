import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Joint controllers are named and their arrangement is available. */
export const jointControllerArrangement: Rule = {
  id: 'joint-controller-arrangement',
  severity: 'warning',
  title: 'Joint controllers are named, with their arrangement',
  citation: 'UK GDPR Art 26(1)-(2), Art 30(1)(a)',
  description:
    'Joint controllers must determine their respective responsibilities in an arrangement, and the essence of it must be made available to the people ' +
    'concerned (Art 26(2)). Name the other controllers of a joint_controller purpose in `joint_controllers` (declared under organisation.other_controllers), ' +
    'and say where the arrangement can be read in the other controller\'s `arrangement`.',
  example:
    'organisation:\n  other_controllers:\n    - id: partner_school\n      legal_name: Example Academy Trust\n      relationship: joint_controller\n      arrangement: Summary at /legal/joint-arrangement\n' +
    'purposes:\n  - id: events\n    role: joint_controller\n    joint_controllers: [partner_school]',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const referenced = new Set<string>();
    for (const [i, p] of d.purposes.entries()) {
      for (const id of p.joint_controllers ?? []) referenced.add(id);
      if (p.role === 'joint_controller' && !p.joint_controllers?.length) {
        reports.push({
          path: ['purposes', i],
          message: `The purpose ${label(p)} is run as a joint controller but names no other controller. Declare them under organisation.other_controllers and list their ids in "joint_controllers:".`,
        });
      }
    }
    for (const [k, o] of (d.organisation.other_controllers ?? []).entries()) {
      if (o.arrangement || (o.relationship !== 'joint_controller' && !referenced.has(o.id))) continue;
      reports.push({
        path: ['organisation', 'other_controllers', k],
        message: `The joint controller "${o.legal_name}" (${o.id}) has no arrangement recorded. Add "arrangement:" saying where people can read the essence of the Art 26 arrangement.`,
      });
    }
    return reports;
  },
};
