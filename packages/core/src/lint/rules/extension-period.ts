import { parseDuration } from '../../law/duration.js';
import type { Rule, RuleReport } from '../rule.js';
import { findPlaceholder } from '../rule-helpers.js';

/** The further period for complex or numerous requests is at most two months. */
export const extensionPeriod: Rule = {
  id: 'extension-period',
  severity: 'error',
  title: 'The extension for complex requests is at most two further months',
  citation: 'UK GDPR Art 12(3)',
  description:
    'The response time may be extended by at most two further months where necessary, taking into account the complexity and number of the requests; ' +
    'the person must be told within the first month, with reasons. `rights.extension` is that further period: "2 months" at most.',
  example: 'rights:\n  response_period: 1 month\n  extension: 2 months',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const text = d.rights?.extension;
    if (text === undefined || findPlaceholder(text)) return reports;
    const path = ['rights', 'extension'];
    const p = parseDuration(text);
    if (!p) {
      reports.push({ path, message: `The extension "${text}" is not a number and a unit. Write "2 months" (the most the law allows) or less.` });
      return reports;
    }
    // Two calendar months are at most 62 days; 61 allows for the shortest pair that can include a 31-day month.
    const tooLong = (p.unit === 'day' && p.amount > 61) || (p.unit === 'week' && p.amount > 8) || (p.unit === 'month' && p.amount > 2) || (p.unit === 'year' && p.amount > 0);
    if (tooLong) {
      reports.push({ path, message: `The extension "${text}" is longer than the two further months Art 12(3) allows. Write "2 months" or less.` });
    }
    return reports;
  },
};
