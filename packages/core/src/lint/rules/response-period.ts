import { parseDuration } from '../../law/duration.js';
import type { Rule, RuleReport } from '../rule.js';
import { findPlaceholder } from '../rule-helpers.js';

/** The promised answer time fits within the statutory month. */
export const responsePeriod: Rule = {
  id: 'response-period',
  severity: 'error',
  title: 'The promised response time is at most one month',
  citation: 'UK GDPR Art 12(3); ICO guidance on the right of access (calculating the time limit)',
  description:
    'Requests must be answered without undue delay and at the latest within one calendar month of receipt (Art 12(3)). ' +
    '"30 days" or "31 days" is not the same: one month from 31 January ends on 28 February, so "30 days" can exceed the limit, and a notice ' +
    'promising it misstates the law. Write "1 month", or a shorter fixed period such as "28 days" (which the ICO accepts). Pledge computes due dates from it.',
  example: 'rights:\n  response_period: 1 month\n  extension: 2 months',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const text = d.rights?.response_period;
    if (text === undefined || findPlaceholder(text)) return reports;
    const path = ['rights', 'response_period'];
    const p = parseDuration(text);
    if (!p) {
      reports.push({ path, message: `The response period "${text}" is not a number and a unit. Write "1 month" (the statutory limit) or a shorter period such as "28 days".` });
      return reports;
    }
    const tooLong =
      (p.unit === 'day' && p.amount > 31) || (p.unit === 'week' && p.amount > 4) || (p.unit === 'month' && p.amount > 1) || (p.unit === 'year' && p.amount > 0);
    if (tooLong) {
      reports.push({ path, message: `The response period "${text}" is longer than the one month the law allows. Promise "1 month" (extendable by two months for complex requests) or less.` });
    } else if (p.unit === 'day' && p.amount >= 29) {
      reports.push({
        path,
        severity: 'warning',
        message: `The response period "${text}" can be longer than a calendar month (one month from 31 January ends on 28 February). Write "1 month", or "28 days" if you want a fixed number of days.`,
      });
    }
    return reports;
  },
};
