/**
 * Jupiter EdTech (seed 000): the faithful declaration loads, its notice states the seed's facts, its lint report
 * names the seed's real defects, and the corrected declaration is clean and complete.
 */
import { describe, expect, it } from 'vitest';
import { checkCoverage, renderNotice } from '@pledge/core';
import { loadDeclarationFile } from '@pledge/cli';
import { fileURLToPath } from 'node:url';
import { expectCheckedInNotice, expectCoverageMissing, expectFindings, expectNoFinding, indexOf, loadExample, missingFacts, type Fact, expectCleanAndComplete } from '../example-helpers.js';

const faithful = loadExample(new URL('./declaration.yaml', import.meta.url));
const corrected = loadExample(new URL('./corrected/declaration.yaml', import.meta.url));
const d = faithful.declaration;
const purpose = (id: string) => indexOf(d.purposes, id);
const recipient = (id: string) => indexOf(d.recipients, id);
const category = (id: string) => indexOf(d.data_categories, id);

/** Facts the seed states, each of which the rendered notice must carry. */
const FACTS: Fact[] = [
  'JUPITER EDTECH LIMITED',
  '12 Orchard Way, Kings Sutton, Banbury, England, OX17 3PZ',
  'England and Wales',
  'contact@m42k.com',
  'Data Processing Addendum at /legal/dpa',
  /24 months[^.]*last contact/,
  /60 days[^.]*contract/,
  '6 years',
  'UK tax and company law requirement',
  /12 months[^.]*resolved/,
  /delete it within 30 days/,
  'Legitimate interests',
  /Consent \(UK GDPR Art 6\(1\)\(a\)\)/,
  /Contract \(UK GDPR Art 6\(1\)\(b\)\)/,
  'AWS',
  'Frankfurt',
  'Germany',
  'Cloudflare',
  'CDN and DDoS protection',
  'Resend',
  'Anthropic',
  'AI-based content processing',
  'Stripe',
  'United States',
  'EU Standard Contractual Clauses',
  'UK-only storage is available on request',
  'CSRF',
  'Do Not Track',
  'under 18',
  /within 30 days/,
  'CSV',
  'AES-256',
  'ico.org.uk',
  'Material changes will be announced via email',
];

describe('examples/jupiter-edtech (seed 000)', () => {
  it('loads with no findings, from the file and from the folder', () => {
    expect(faithful.findings).toEqual([]);
    expect(loadDeclarationFile(fileURLToPath(new URL('./', import.meta.url))).findings).toEqual([]);
  });

  it('renders a notice that states the facts of the seed', () => {
    expect(missingFacts(renderNotice(d, { format: 'text' }), FACTS)).toEqual([]);
  });

  it("names the seed's real defects", () => {
    expectFindings(faithful.lint, [
      { rule: 'consent-by-use', at: ['changes', 'statement'], severity: 'error', why: '"Your continued use ... constitutes acceptance of the updated policy"' },
      { rule: 'response-period', at: ['rights', 'response_period'], severity: 'warning', why: '"We will provide it within 30 days": one month is the limit, and 30 days can exceed it' },
      { rule: 'eu-sccs-without-addendum', at: ['recipients', recipient('anthropic'), 'safeguard'], severity: 'error', why: 'the US transfer for AI processing rests on EU SCCs, invalid alone for UK transfers since March 2024' },
      { rule: 'legitimate-interest-stated', at: ['purposes', purpose('enquiries'), 'lawful_bases', 0], why: '"Lawful basis: legitimate interest" without saying which interest' },
      { rule: 'legitimate-interest-stated', at: ['purposes', purpose('security'), 'lawful_bases', 0], why: 'legitimate interest named without the interest' },
      { rule: 'retention-missing', at: ['purposes', purpose('website_improvement'), 'data_categories'], why: 'no retention is stated for web server logs and analytics data' },
      { rule: 'retention-missing', at: ['purposes', purpose('security'), 'data_categories'], why: 'no retention is stated for the logs kept for security' },
      { rule: 'retention-missing', at: ['purposes', purpose('marketing'), 'data_categories'], why: 'marketing subscribers: the 24 months stated is for enquiries, nothing is stated for the mailing list' },
      { rule: 'ico-registration', severity: 'warning', why: 'no ICO registration number anywhere in the notice' },
      { rule: 'requirement-stated', at: ['purposes', purpose('service')], why: 'the notice never says whether account data must be given to use the Service' },
    ]);
  });

  it('the completeness check finds the items the seed leaves out (legitimate interests not named; no retention for web logs and marketing subscribers; no way to get a copy of the SCCs)', () => {
    const report = checkCoverage(d);
    expectCoverageMissing(report, ['art13-1-d', 'art13-2-a', 'art13-1-f']);
    // "We rely on UK IDTA and EU Standard Contractual Clauses" with no word on how to get a copy (Art 13(1)(f)).
    expect(report.items.find((i) => i.id === 'art13-1-f')!.reason).toContain('Anthropic (recipient anthropic, the United States)');
    expect(report.items.find((i) => i.id === 'art13-1-f')!.reason).toContain('safeguard.copy');
  });

  it('does not report what the seed gets right', () => {
    expectNoFinding(faithful.lint, 'placeholder-value', 'no placeholder in the seed');
    expectNoFinding(faithful.lint, 'controller-identity', 'name, address and email are given');
    expectNoFinding(faithful.lint, 'transfer-safeguard', 'AWS Frankfurt is in an adequate country', ['recipients', recipient('aws')]);
    expectNoFinding(faithful.lint, 'consent-withdrawal-route', '"You can unsubscribe at any time"');
    expectNoFinding(faithful.lint, 'marketing-objection-route', 'marketing emails can be unsubscribed from');
    expectNoFinding(faithful.lint, 'extension-period', '60 days in all for complex cases is within the three months allowed');
    expectNoFinding(faithful.lint, 'access-fee', 'the seed does not charge for requests');
    expectNoFinding(faithful.lint, 'children-consent-age', 'the service is not for under-18s');
    expectNoFinding(faithful.lint, 'retention-period-format', 'every stated period is a number and a unit');
    expectNoFinding(faithful.lint, 'cookie-consent', 'the only cookie is strictly necessary');
    expectNoFinding(faithful.lint, 'cookie-claim-mismatch', '"one cookie for strictly necessary functionality" is what the site sets');
    expectNoFinding(faithful.lint, 'processor-activity-contract', 'learner data is processed under the DPA at /legal/dpa');
  });

  it('the corrected declaration has no error or warning and covers every item', () => {
    expectCleanAndComplete(corrected.declaration);
  });

  it('the checked-in notice.html is the rendered faithful declaration', () => {
    expectCheckedInNotice(new URL('./notice.html', import.meta.url), d);
  });
});
