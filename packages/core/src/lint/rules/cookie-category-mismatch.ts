import type { Cookie } from '../../declaration/schema/cookies.js';
import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Words in a cookie's purpose that mean measuring use of the site. */
const STATISTICS_WORDS =
  /\b(analytic\w*|statistic\w*|how (you|visitors|users|people) (use|interact|navigate|browse)|(site|web|website) traffic|traffic (to|on|through)|page ?views?|visit counts?|count(ing)? (visits|visitors)|heat ?maps?|session recordings?|measur\w* (how|the number|traffic|visits|visitors|performance|audience|usage|engagement))\b/i;
/** Tools whose cookies are analytics, by provider or cookie name. */
const STATISTICS_TOOLS =
  /\b(google analytics|universal analytics|ga4|matomo|piwik|hotjar|plausible|fathom|mixpanel|amplitude|heap|segment|microsoft clarity|clarity|adobe analytics|omniture|pendo|fullstory|posthog|umami|smartlook|mouseflow|crazy ?egg|chartbeat|woopra|kissmetrics)\b/i;
const STATISTICS_NAMES = /^(_ga|_gid|_gat|__utm|_hj|_pk_|_clck|_clsk|ajs_|mp_|amp_|_hp2_|ph_)/i;
/** Words and tools that mean advertising. */
const MARKETING_WORDS = /\b(advertis\w*|adverts?|ads|ad (targeting|personali[sz]ation)|retarget\w*|remarket\w*|campaigns?|targeted|conversion tracking|tracking pixel)\b/i;
const MARKETING_TOOLS =
  /\b(doubleclick|google ads|adwords|facebook pixel|meta pixel|linkedin insight|criteo|taboola|outbrain|tiktok pixel|bing ads|microsoft advertising|adroll|quantcast|trade ?desk)\b/i;
const MARKETING_NAMES = /^(_fbp|_fbc|_gcl_|IDE$|test_cookie$|fr$|_uetsid|_uetvid|li_fat_id|_ttp|muid$)/i;

/** The category the cookie's own words point to, where they clearly point to a stricter one. */
function impliedCategory(c: Cookie): { category: 'statistics' | 'marketing'; why: string } | undefined {
  const words = `${c.purpose} ${c.provider ?? ''}`;
  const tool = (re: RegExp) => re.exec(`${c.provider ?? ''} ${c.name} ${c.purpose}`)?.[0];
  const m = MARKETING_WORDS.exec(words)?.[0] ?? tool(MARKETING_TOOLS) ?? (MARKETING_NAMES.test(c.name) ? c.name : undefined);
  if (m) return { category: 'marketing', why: m };
  const s = STATISTICS_WORDS.exec(words)?.[0] ?? tool(STATISTICS_TOOLS) ?? (STATISTICS_NAMES.test(c.name) ? c.name : undefined);
  if (s) return { category: 'statistics', why: s };
  return undefined;
}

/** A cookie's category matches what it does. */
export const cookieCategoryMismatch: Rule = {
  id: 'cookie-category-mismatch',
  severity: 'warning',
  title: 'Each cookie\'s category matches its purpose and provider',
  citation: 'PECR reg 6; ICO guidance on storage and access technologies (categories and exceptions)',
  description:
    'The category decides whether a cookie is set before consent. A cookie whose purpose talks of analytics, statistics, "how you use our site" or traffic, ' +
    'or whose provider is an analytics tool (Google Analytics, Matomo, Hotjar, Plausible...), is a statistics cookie, not functionality or strictly necessary. ' +
    'One that mentions advertising, retargeting or campaigns, or comes from an ad network, is a marketing cookie. Correct the category (and the banner ' +
    'will then ask for consent), or reword the purpose if it was misdescribed.',
  example: 'items:\n  - id: matomo\n    name: _pk_id\n    provider: Matomo\n    category: statistics\n    purpose: Understanding how you use our website',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, c] of (d.cookies?.items ?? []).entries()) {
      const implied = impliedCategory(c);
      if (!implied || implied.category === c.category) continue;
      // A marketing cookie described with analytics words is already in the strictest category.
      if (c.category === 'marketing') continue;
      reports.push({
        path: ['cookies', 'items', i, 'category'],
        message:
          `The cookie ${label(c)} is declared as ${c.category.replace('_', ' ')}, but "${implied.why}" suggests a ${implied.category} cookie. ` +
          `Set category: ${implied.category} (so it is only set as the law allows), or correct its purpose and provider if they are wrong.`,
      });
    }
    return reports;
  },
};
