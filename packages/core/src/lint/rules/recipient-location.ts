import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

export const recipientLocation: Rule = {
  id: 'recipient-location',
  severity: 'warning',
  title: 'Each named recipient states where it processes the data',
  citation: 'UK GDPR Art 13(1)(f), Art 30(1)(e), Arts 44-46',
  description:
    'Whether a transfer abroad happens, and so whether a safeguard is needed and must be explained in the notice, depends on where each ' +
    'recipient processes the data. A recipient without a location cannot be checked: many cloud and marketing services (Google Workspace, ' +
    'Salesforce, Mailchimp) process data in the US. Add `locations` (ISO country codes, or EU/EEA) to each named recipient. ' +
    'Categories of recipients ("law enforcement") are exempt.',
  example: 'recipients:\n  - id: salesforce\n    name: Salesforce\n    kind: processor\n    locations: [US]\n    dpf_certified: true\n    safeguard: { mechanism: dpf_uk_extension }\n    contract: Salesforce DPA',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, r] of d.recipients.entries()) {
      if (r.category || r.kind === 'public_authority' || r.kind === 'professional_adviser') continue;
      if (r.locations && r.locations.length) continue;
      reports.push({ path: ['recipients', i], message: `The recipient ${label(r)} states no location. Add locations: [GB] (or where it processes the data) so transfers can be checked and explained.` });
    }
    return reports;
  },
};
