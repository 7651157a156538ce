import { suggest } from '../../declaration/suggest.js';
import type { Rule } from '../rule.js';

const kindNames: Record<string, string> = {
  subjects: 'subject group',
  data_categories: 'data category',
  purposes: 'purpose',
  recipients: 'recipient',
  retention: 'retention rule',
  automated_decisions: 'automated decision',
  other_controllers: 'other controller',
};

export const referenceUnknown: Rule = {
  id: 'reference-unknown',
  severity: 'error',
  title: 'Every id reference names an item declared in the file',
  citation: 'Pledge declaration format',
  description:
    'Purposes, processor activities, retention rules and cookies refer to subjects, data categories, recipients and other items by id. ' +
    'A reference to an id that is not declared leaves the notice incomplete: a recipient used but not declared is never disclosed to people. ' +
    'Declare the item, or correct the id (the message suggests the nearest declared id).',
  example: 'recipients:\n  - id: stripe\n    name: Stripe Payments Europe\n    kind: processor\npurposes:\n  - id: billing\n    recipients: [stripe]',
  check({ index }) {
    const reports = [];
    for (const ref of index.references()) {
      const known = index.byId[ref.kind];
      if (known.has(ref.id)) continue;
      const near = suggest(ref.id, known.keys());
      const noun = kindNames[ref.kind] ?? ref.kind;
      reports.push({
        path: ref.path,
        message:
          `No ${noun} has the id "${ref.id}".` +
          (near ? ` Did you mean "${near}"?` : known.size ? ` Declared ${noun} ids: ${[...known.keys()].slice(0, 12).join(', ')}.` : ` Declare it under ${ref.kind}.`),
      });
    }
    return reports;
  },
};
