import { isAdequate } from '../../law/adequacy.js';
import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** EU SCCs alone stopped being a valid UK transfer tool on 21 March 2024. */
export const euSccsWithoutAddendum: Rule = {
  id: 'eu-sccs-without-addendum',
  severity: 'error',
  title: 'EU Standard Contractual Clauses are used only with the UK Addendum',
  citation: 'UK GDPR Art 46(2)(d); DPA 2018 s.119A; ICO International Data Transfer Agreement and Addendum (transitional provisions ended 21 March 2024)',
  description:
    'The EU Standard Contractual Clauses on their own are not a valid safeguard for transfers from the UK: contracts relying on the old clauses ' +
    'had to be replaced by 21 March 2024. Use the ICO\'s International Data Transfer Agreement (`idta`), or the new EU SCCs with the UK Addendum ' +
    '(`uk_addendum`).',
  example: 'safeguard:\n  mechanism: uk_addendum\n  copy: Email privacy@example.com for a copy',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, r] of d.recipients.entries()) {
      if (r.safeguard?.mechanism !== 'eu_sccs') continue;
      const locations = r.locations ?? [];
      // Where every location is adequate no safeguard is needed, so the statement misleads rather than leaves a gap.
      const needed = locations.length === 0 || locations.some((l) => !isAdequate(l) && !(l === 'US' && r.dpf_certified === true));
      reports.push({
        path: ['recipients', i, 'safeguard', 'mechanism'],
        severity: needed ? 'error' : 'warning',
        message:
          `The recipient ${label(r)} relies on EU Standard Contractual Clauses alone, which are not valid for UK transfers since 21 March 2024. ` +
          (needed ? 'Sign the UK Addendum to the EU SCCs (mechanism: uk_addendum) or the IDTA (mechanism: idta).' : 'Its locations are adequate, so remove the safeguard, or sign the UK Addendum or IDTA if the data also goes elsewhere.'),
      });
    }
    return reports;
  },
};
