import { CORE_RIGHTS, RIGHTS } from '../../law/rights.js';
import type { RightName } from '../../declaration/schema/rights.js';
import type { z } from 'zod';
import type { Rule, RuleReport } from '../rule.js';
import { listOf, reliesOnConsent } from '../rule-helpers.js';

type Right = z.infer<typeof RightName>;

/** The notice explains every right people have. */
export const rightsListed: Rule = {
  id: 'rights-listed',
  severity: 'warning',
  title: 'The notice lists every right that applies',
  citation: 'UK GDPR Art 13(2)(b)-(c), (f), Art 14(2)(c)-(d)',
  description:
    'The notice must tell people of their rights of access, rectification, erasure, restriction, objection and data portability (Art 13(2)(b)), ' +
    'of the right to withdraw consent where consent is relied on (Art 13(2)(c)), and of their rights about solely automated decisions where there are any ' +
    '(Art 13(2)(f), Arts 22A-22D). List them in `rights.offered`; Pledge renders the explanation of each.',
  example: 'rights:\n  offered: [access, rectification, erasure, restriction, portability, objection, withdraw_consent]',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const needed: Right[] = [...CORE_RIGHTS];
    if (d.purposes.some(reliesOnConsent)) needed.push('withdraw_consent');
    if (d.automated_decisions.length > 0) needed.push('automated_decisions');
    if (!d.rights) {
      reports.push({
        path: [],
        message: 'The declaration has no rights section, so the notice tells people nothing about their rights or how to use them. Add "rights:" with channels, response_period, fee and offered.',
      });
      return reports;
    }
    const offered = new Set(d.rights.offered ?? []);
    const missing = needed.filter((r) => !offered.has(r));
    if (missing.length === 0) return reports;
    reports.push({
      path: d.rights.offered ? ['rights', 'offered'] : ['rights'],
      message: `The notice does not list ${missing.length > 1 ? 'these rights' : 'the right'}: ${listOf(missing.map((r) => `${RIGHTS[r].label.toLowerCase()} (${r})`))}. Add ${missing.length > 1 ? 'them' : 'it'} to rights.offered.`,
    });
    return reports;
  },
};
