import type { DeclarationPath } from '../../declaration/finding.js';
import type { Rule, RuleReport } from '../rule.js';

export const duplicateId: Rule = {
  id: 'duplicate-id',
  severity: 'error',
  title: 'Ids are unique within their section',
  citation: 'Pledge declaration format',
  description:
    'Each subject group, data category, purpose, recipient, retention rule, cookie, processor activity and automated decision has an id that other items use to refer to it. ' +
    'Two items with the same id make every reference ambiguous. Rename one of them.',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const sections: [DeclarationPath, readonly { id: string }[] | undefined][] = [
      [['subjects'], d.subjects],
      [['data_categories'], d.data_categories],
      [['purposes'], d.purposes],
      [['processor_activities'], d.processor_activities],
      [['recipients'], d.recipients],
      [['retention'], d.retention],
      [['automated_decisions'], d.automated_decisions],
      [['cookies', 'items'], d.cookies?.items],
      [['organisation', 'other_controllers'], d.organisation.other_controllers],
    ];
    for (const [path, list] of sections) {
      const first = new Map<string, number>();
      (list ?? []).forEach((item, i) => {
        const prev = first.get(item.id);
        if (prev === undefined) first.set(item.id, i);
        else reports.push({ path: [...path, i, 'id'], message: `The id "${item.id}" is already used by item ${prev + 1} of ${path.join('.')}. Give this one a different id.` });
      });
    }
    return reports;
  },
};
