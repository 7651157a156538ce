import type { Rule, RuleReport } from '../rule.js';
import { EXEMPTIONS_BY_CATEGORY, label } from '../rule-helpers.js';

/** The statistics and appearance exceptions come with a free, simple way to object. */
export const cookieStatisticsOptOut: Rule = {
  id: 'cookie-statistics-opt-out',
  severity: 'error',
  title: 'Cookies under the statistics or appearance exception offer a way to object',
  citation: 'PECR reg 6 and Schedule A1 (inserted by the Data (Use and Access) Act 2025 s.112)',
  description:
    'Since the Data (Use and Access) Act 2025, cookies used only to collect statistics to improve a service, or to adapt its appearance or functions to ' +
    'the user\'s choices, no longer need consent, but only if the user gets clear information about them and a simple, free way to object. ' +
    'Offer that (e.g. a toggle in the cookie settings) and set `opt_out: true`; otherwise ask for consent (exemption: none).',
  example: 'items:\n  - id: stats\n    name: _pk_id\n    provider: Matomo (self-hosted)\n    category: statistics\n    purpose: Counting visits to improve the site\n    exemption: statistics\n    opt_out: true',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, c] of (d.cookies?.items ?? []).entries()) {
      if ((c.exemption !== 'statistics' && c.exemption !== 'appearance') || c.opt_out === true) continue;
      // An exception that cannot apply to the category at all is reported by cookie-exemption-invalid instead.
      if (!EXEMPTIONS_BY_CATEGORY[c.category].includes(c.exemption)) continue;
      reports.push({
        path: ['cookies', 'items', i, 'exemption'],
        message: `The cookie ${label(c)} claims the ${c.exemption} exception, which needs a simple, free way to object. Offer one (e.g. a switch in the cookie settings) and set opt_out: true, or ask for consent (exemption: none).`,
      });
    }
    return reports;
  },
};
