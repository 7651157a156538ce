import type { Rule, RuleReport } from '../rule.js';
import { listOf } from '../rule-helpers.js';

/** What the notice claims about cookie categories matches the cookies declared. */
export const cookieClaimMismatch: Rule = {
  id: 'cookie-claim-mismatch',
  severity: 'error',
  title: 'The cookie categories the notice claims include every category used',
  citation: 'UK GDPR Art 5(1)(a) (transparency), Art 12(1); PECR reg 6(2) (clear and comprehensive information)',
  description:
    'A notice that says "we only use functionality cookies" while the site sets analytics cookies gives false information about what is stored on people\'s ' +
    'devices, so any consent based on it is not informed. `cookies.claimed_categories` holds what the notice claims; it must include the category of every ' +
    'declared cookie. Add the missing categories to the claim (and the notice text), or stop using those cookies.',
  example: 'cookies:\n  consent_mechanism: banner\n  claimed_categories: [strictly_necessary, statistics]\n  items:\n    - id: session\n      name: session_id\n      category: strictly_necessary\n      purpose: Keeps you signed in\n      exemption: strictly_necessary',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const claimed = d.cookies?.claimed_categories;
    if (!d.cookies || !claimed) return reports;
    const byCategory = new Map<string, string[]>();
    for (const c of d.cookies.items) {
      if (claimed.includes(c.category)) continue;
      byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c.name]);
    }
    for (const [category, names] of byCategory) {
      reports.push({
        path: ['cookies', 'claimed_categories'],
        // Leaving out strictly necessary cookies misdescribes less than hiding analytics or advertising.
        severity: category === 'strictly_necessary' ? 'warning' : 'error',
        message:
          `${claimed.length ? `The notice claims only ${listOf(claimed.map((c) => c.replace('_', ' ')))} cookies` : 'The notice claims no cookies are used'}, but ${listOf(names)} ${names.length > 1 ? 'are' : 'is'} ${category.replace('_', ' ')}. ` +
          `Add ${category} to claimed_categories and say so in the notice, or remove ${names.length > 1 ? 'those cookies' : 'that cookie'}.`,
      });
    }
    return reports;
  },
};
