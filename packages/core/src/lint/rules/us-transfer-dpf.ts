import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** The UK-US data bridge covers only recipients certified to the DPF and its UK Extension. */
export const usTransferDpf: Rule = {
  id: 'us-transfer-dpf',
  severity: 'error',
  title: 'US transfers relying on the UK-US data bridge are to DPF UK Extension certified recipients',
  citation: 'Data Protection (Adequacy) (United States of America) Regulations 2023 (SI 2023/1028); UK GDPR Art 45',
  description:
    'The United States is not adequate as a whole. Since 12 October 2023, the UK-US data bridge treats as adequate only transfers to US organisations ' +
    'certified to the EU-US Data Privacy Framework that have also joined its UK Extension (check the list at dataprivacyframework.gov). ' +
    'If the recipient is certified, set `dpf_certified: true`; otherwise use the IDTA or the UK Addendum.',
  example: 'recipients:\n  - id: crm\n    name: HubSpot Inc\n    kind: processor\n    locations: [US]\n    contract: HubSpot DPA\n    dpf_certified: true\n    safeguard:\n      mechanism: dpf_uk_extension',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, r] of d.recipients.entries()) {
      const mechanism = r.safeguard?.mechanism;
      if (r.dpf_certified === true) continue;
      const inUs = (r.locations ?? []).includes('US');
      if (mechanism === 'dpf_uk_extension' || (mechanism === 'adequacy' && inUs)) {
        reports.push({
          path: ['recipients', i, 'safeguard', 'mechanism'],
          message:
            `The recipient ${label(r)} relies on ${mechanism === 'adequacy' ? 'adequacy for the US' : 'the DPF UK Extension'} but is not marked dpf_certified. ` +
            'The UK-US data bridge covers only organisations certified to the Data Privacy Framework and its UK Extension: check the DPF list and set dpf_certified: true, or use the IDTA or UK Addendum instead.',
        });
      }
    }
    return reports;
  },
};
