import type { Rule, RuleReport } from '../rule.js';

export const cookieThirdPartyRecipient: Rule = {
  id: 'cookie-third-party-recipient',
  severity: 'warning',
  title: 'A third-party cookie names the recipient that receives data through it',
  citation: 'UK GDPR Art 13(1)(e)-(f); PECR reg 6(2) (clear and comprehensive information)',
  description:
    'A third-party cookie or tag (an analytics or advertising script) sends data about the visitor to its provider, who is then a recipient. ' +
    'People must be told who receives their data and, where the provider is abroad (Google, Meta and most tag providers are in the US), ' +
    'how the transfer is safeguarded. Declare the provider under `recipients` with its locations and safeguard, and point the cookie at it ' +
    'with `recipient: ID`, so the notice, the transfer checks and the record of processing all include it.',
  example:
    'recipients:\n  - id: google\n    name: Google LLC\n    kind: processor\n    locations: [US]\n    dpf_certified: true\n    safeguard: { mechanism: dpf_uk_extension }\n    contract: Google Ads Data Processing Terms\ncookies:\n  items:\n    - { id: ga, name: _ga, provider: Google, recipient: google, party: third, category: statistics, purpose: Counting visits }',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, c] of (d.cookies?.items ?? []).entries()) {
      if (c.party !== 'third' || c.recipient) continue;
      reports.push({
        path: ['cookies', 'items', i],
        message:
          `The third-party cookie "${c.name}"${c.provider ? ` from ${c.provider}` : ''} names no recipient. Declare ${c.provider ?? 'its provider'} under recipients ` +
          `(with locations and any transfer safeguard) and add recipient: ID to the cookie.`,
      });
    }
    return reports;
  },
};
