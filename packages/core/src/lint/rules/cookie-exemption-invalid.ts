import type { Rule, RuleReport } from '../rule.js';
import { EXEMPTIONS_BY_CATEGORY, label } from '../rule-helpers.js';

/** A claimed exception fits the cookie's category. */
export const cookieExemptionInvalid: Rule = {
  id: 'cookie-exemption-invalid',
  severity: 'error',
  title: 'A cookie claims only an exception that can apply to its category',
  citation: 'PECR reg 6(4) and Schedule A1 (as amended by the Data (Use and Access) Act 2025); ICO guidance on storage and access technologies',
  description:
    'The consent exceptions are narrow. Marketing and advertising cookies never fall within one: they always need consent. Analytics cookies are not ' +
    '"strictly necessary" for the service the user asked for; only the statistics exception (with a way to object) can cover them, and then only ' +
    'for improving the service. Set `exemption: none` and ask for consent, or claim the exception that really applies.',
  example: 'items:\n  - id: ads\n    name: _gcl_au\n    provider: Google Ads\n    category: marketing\n    purpose: Measuring ad campaign conversions\n    exemption: none',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, c] of (d.cookies?.items ?? []).entries()) {
      if (EXEMPTIONS_BY_CATEGORY[c.category].includes(c.exemption)) continue;
      reports.push({
        path: ['cookies', 'items', i, 'exemption'],
        message:
          c.category === 'marketing'
            ? `The marketing cookie ${label(c)} claims the ${c.exemption.replace('_', ' ')} exception, but advertising cookies always need consent. Set exemption: none and ask for consent in the banner.`
            : `The ${c.category.replace('_', ' ')} cookie ${label(c)} claims the ${c.exemption.replace('_', ' ')} exception, which cannot apply to it. ` +
              (c.category === 'statistics' ? 'Use exemption: statistics with opt_out: true if it only measures use to improve the service, or exemption: none and ask for consent.' : 'Set exemption: none and ask for consent.'),
      });
    }
    return reports;
  },
};
