import type { Rule, RuleReport } from '../rule.js';
import { eachBasis, label } from '../rule-helpers.js';

/** Where consent is relied on, people are told how to withdraw it. */
export const consentWithdrawalRoute: Rule = {
  id: 'consent-withdrawal-route',
  severity: 'error',
  title: 'Consent comes with a way to withdraw it',
  citation: 'UK GDPR Art 7(3), Art 13(2)(c)',
  description:
    'People must be told, before they consent, that they can withdraw consent at any time, and withdrawing must be as easy as giving it (Art 7(3)). ' +
    'The notice must say so where consent is relied on (Art 13(2)(c)). Give the route on the basis (`consent.withdraw`), or once for all purposes ' +
    'in `rights.withdraw_consent`; for direct marketing the unsubscribe route in `objection` also serves.',
  example: 'lawful_bases:\n  - basis: consent\n    consent:\n      mechanism: opt_in\n      withdraw: Use the unsubscribe link in any email, or the preference centre',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    if (d.rights?.withdraw_consent) return reports;
    for (const { purpose, basis, path } of eachBasis(d)) {
      if (basis.basis !== 'consent' || basis.consent?.withdraw) continue;
      // For direct marketing, an unsubscribe or objection route stops the processing just as withdrawal does.
      if (purpose.direct_marketing && (purpose.objection || d.rights?.objection)) continue;
      reports.push({
        path,
        message:
          `The purpose ${label(purpose)} relies on consent but gives no way to withdraw it. ` +
          'Add "consent: { withdraw: ... }" on this basis (e.g. "untick the box in your account settings"), or "withdraw_consent:" under rights.',
      });
    }
    return reports;
  },
};
