import type { Rule, RuleReport } from '../rule.js';
import { cookieNeedsConsent, label } from '../rule-helpers.js';

/** Non-exempt cookies are set only with consent. */
export const cookieConsent: Rule = {
  id: 'cookie-consent',
  severity: 'error',
  title: 'Cookies that need consent are not set without asking for it',
  citation: 'PECR reg 6 (as amended by the Data (Use and Access) Act 2025); ICO guidance on storage and access technologies',
  description:
    'Storing or reading information on a device needs the user\'s consent, to the UK GDPR standard, unless an exception applies: strictly necessary for ' +
    'the service asked for, communication, statistics or appearance (with a way to object), or emergency location. A cookie that is not strictly necessary ' +
    'and claims no exception needs consent, so `cookies.consent_mechanism` cannot be none. Use a banner that blocks the cookie until the visitor accepts.',
  example: 'cookies:\n  consent_mechanism: banner\n  items:\n    - id: ga\n      name: _ga\n      provider: Google Analytics\n      category: statistics\n      purpose: Counting visits\n      party: third',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    if (d.cookies?.consent_mechanism !== 'none') return reports;
    for (const [i, c] of d.cookies.items.entries()) {
      if (!cookieNeedsConsent(c)) continue;
      reports.push({
        path: ['cookies', 'items', i],
        message:
          `The ${c.category.replace('_', ' ')} cookie ${label(c)} needs consent, but consent_mechanism is none. ` +
          'Ask for consent with a cookie banner (consent_mechanism: banner) before setting it, or remove the cookie.',
      });
    }
    return reports;
  },
};
