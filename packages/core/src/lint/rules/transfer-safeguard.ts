import { isAdequate } from '../../law/adequacy.js';
import type { Rule, RuleReport } from '../rule.js';
import { label, listOf } from '../rule-helpers.js';

/** Transfers to countries without UK adequacy need an Art 46 safeguard (or an Art 49 derogation). */
export const transferSafeguard: Rule = {
  id: 'transfer-safeguard',
  severity: 'error',
  title: 'Recipients outside adequate countries have a transfer safeguard',
  citation: 'UK GDPR Arts 44-46, Art 49, Art 13(1)(f); DPA 2018 s.17A',
  description:
    'Personal data may leave the UK only to a country with UK adequacy regulations (the EEA, Switzerland, Japan, Korea and others), to a US ' +
    'recipient certified to the Data Privacy Framework UK Extension, or under an Art 46 safeguard: the ICO International Data Transfer Agreement, ' +
    'the UK Addendum to the EU SCCs, or binding corporate rules, each with a transfer risk assessment. Occasional transfers may rely on an Art 49 derogation. ' +
    'Give each recipient outside an adequate country a `safeguard`, or set `dpf_certified: true` for a certified US recipient.',
  example: 'recipients:\n  - id: support_desk\n    name: Helpdesk Inc\n    kind: processor\n    locations: [IN]\n    contract: DPA signed 2025-03-01\n    safeguard:\n      mechanism: idta\n      copy: Email privacy@example.com for a copy',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, r] of d.recipients.entries()) {
      const mechanism = r.safeguard?.mechanism;
      const uncovered = (r.locations ?? []).filter((loc) => {
        if (isAdequate(loc)) return false;
        // The UK-US data bridge makes a DPF UK Extension certified recipient adequate.
        if (loc === 'US' && r.dpf_certified === true) return false;
        // A US "adequacy" claim without certification is reported by us-transfer-dpf.
        if (loc === 'US' && (mechanism === 'adequacy' || mechanism === 'dpf_uk_extension')) return false;
        // Claiming adequacy for a country that has none is no safeguard at all.
        return mechanism === undefined || mechanism === 'adequacy' || mechanism === 'dpf_uk_extension';
      });
      if (uncovered.length === 0) continue;
      const where = listOf(uncovered);
      reports.push({
        path: ['recipients', i, mechanism ? 'safeguard' : 'locations'],
        message:
          (mechanism
            ? `The recipient ${label(r)} relies on ${mechanism === 'adequacy' ? 'UK adequacy' : 'the DPF UK Extension'} for ${where}, which ${uncovered.length > 1 ? 'have' : 'has'} no such adequacy. `
            : `The recipient ${label(r)} receives data in ${where}, which ${uncovered.length > 1 ? 'are' : 'is'} not covered by UK adequacy, and has no transfer safeguard. `) +
          'Add "safeguard:" with mechanism idta, uk_addendum or bcr (with a transfer risk assessment), or derogation for an occasional Art 49 transfer' +
          (uncovered.includes('US') ? ', or set dpf_certified: true if it is certified to the DPF UK Extension.' : '.'),
      });
    }
    return reports;
  },
};
