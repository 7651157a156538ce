import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

const NAMES: Record<string, string> = { idta: 'the IDTA', uk_addendum: 'the UK Addendum', bcr: 'binding corporate rules' };

/** People can ask for a copy of an Art 46 safeguard; the notice says how. */
export const transferSafeguardCopy: Rule = {
  id: 'transfer-safeguard-copy',
  severity: 'warning',
  title: 'Art 46 transfer safeguards say how to get a copy',
  citation: 'UK GDPR Art 13(1)(f), Art 14(1)(f)',
  description:
    'Where a transfer relies on an Art 46 safeguard (IDTA, UK Addendum, binding corporate rules), the notice must name the safeguard and say how ' +
    'people can obtain a copy of it or where it has been made available. Write that in the safeguard\'s `copy`, e.g. "email privacy@example.com".',
  example: 'safeguard:\n  mechanism: idta\n  copy: Ask privacy@example.com for a copy of the agreement',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, r] of d.recipients.entries()) {
      const s = r.safeguard;
      if (!s || !(s.mechanism in NAMES) || s.copy) continue;
      reports.push({
        path: ['recipients', i, 'safeguard'],
        message: `The recipient ${label(r)} relies on ${NAMES[s.mechanism]} but the notice does not say how to get a copy. Add "copy:" (e.g. "email privacy@example.com for a copy").`,
      });
    }
    return reports;
  },
};
