import { parseDuration } from '../../law/duration.js';
import type { Rule, RuleReport } from '../rule.js';
import { findPlaceholder } from '../rule-helpers.js';

/** Complaints to the organisation have a route and are acknowledged within 30 days. */
export const complaintsHandling: Rule = {
  id: 'complaints-handling',
  severity: 'error',
  title: 'People can complain to the organisation, and complaints are acknowledged within 30 days',
  citation: 'DPA 2018 s.164A (inserted by the Data (Use and Access) Act 2025 s.103; in force 19 June 2026)',
  description:
    'From 19 June 2026 a controller must make it easy to complain to it about the use of personal data (for example with an electronic form), ' +
    'acknowledge each complaint within 30 days of receipt, investigate without undue delay, keep the person informed and tell them the outcome. ' +
    'Give the routes in `complaints.channels` and set `acknowledge_within` to "30 days" or less.',
  example: 'complaints:\n  channels:\n    - type: email\n      value: privacy@example.com\n  acknowledge_within: 30 days\n  ico: {}',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const c = d.complaints;
    if (!c?.channels?.length) {
      reports.push({
        path: c ? ['complaints'] : [],
        message: 'The declaration gives no way to complain to the organisation itself. Add complaints.channels (e.g. an email address and a web form) so complaints can be made easily.',
      });
    }
    const text = c?.acknowledge_within;
    if (text === undefined || findPlaceholder(text)) return reports;
    const path = ['complaints', 'acknowledge_within'];
    const p = parseDuration(text);
    if (!p) {
      reports.push({ path, message: `The acknowledgement time "${text}" is not a number and a unit. Write "30 days" or less.` });
    } else if ((p.unit === 'day' && p.amount > 30) || (p.unit === 'week' && p.amount > 4) || (p.unit === 'month' && p.amount > 1) || p.unit === 'year') {
      reports.push({ path, message: `Complaints must be acknowledged within 30 days, but the declaration says "${text}". Write "30 days" or less.` });
    } else if (p.unit === 'month') {
      // A calendar month can be 31 days, one more than s.164A allows.
      reports.push({ path, severity: 'warning', message: `"${text}" can be 31 days, longer than the 30 days s.164A allows for acknowledging complaints. Write "30 days".` });
    }
    return reports;
  },
};
