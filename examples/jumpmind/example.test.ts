/**
 * Jumpmind (seed 002), a declaration split over several files with include: it loads, its notice states the
 * seed's facts, its lint report names the seed's real defects, and the corrected declaration is clean and complete.
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

/** Facts the seed states, each of which the rendered notice must carry. */
const FACTS: Fact[] = [
  'Jumpmind UK Limited',
  'Jumpmind, Inc',
  'Contact Us page',
  'Support Center',
  'To process transactions',
  'To send periodic emails',
  'prevent fraud and enable us to give you the best and most secure customer experience',
  'IP address',
  'time zone',
  'license key number',
  'disable',
  'United States',
  'International Data Transfer Agreement',
  'To obtain a copy of these contractual safeguards',
  'as long as reasonably necessary',
  /complaint[^.]*litigation/,
  'anonymise',
  'shopping cart',
  /within 30 days/,
  'within one month',
  'clearly unfounded, repetitive or excessive',
  'absolute right to object',
  'COPPA',
  'Transport Layer Security',
  'August 2024',
  'ico.org.uk',
];

describe('examples/jumpmind (seed 002)', () => {
  it('loads with no findings, from the entry file and from the folder, with the included lists appended', () => {
    expect(faithful.findings).toEqual([]);
    const folder = loadDeclarationFile(fileURLToPath(new URL('./', import.meta.url)));
    expect(folder.findings).toEqual([]);
    expect(folder.files.map((f) => f.replace(/\\/g, '/').split('/').pop())).toEqual(['declaration.yaml', 'people.yaml', 'recipients.yaml', 'retention.yaml']);
    expect(d.recipients.map((r) => r.id)).toContain('jumpmind_group');
    expect(d.retention.map((r) => r.id)).toEqual(['criteria', 'statistics']);
    expect(d.subjects.length).toBeGreaterThan(0);
  });

  it('renders a notice that states the facts of the seed', () => {
    expect(missingFacts(renderNotice(d, { format: 'text' }), FACTS)).toEqual([]);
  });

  it("names the seed's real defects", () => {
    expectFindings(faithful.lint, [
      { rule: 'controller-identity', at: ['organisation'], severity: 'error', why: 'no address, email or phone anywhere: only "the Contact Us page"' },
      { rule: 'response-period', at: ['rights', 'response_period'], severity: 'warning', why: '"we will fulfill it within 30 days"' },
      { rule: 'consent-by-use', at: ['cookies', 'consent_mechanism'], severity: 'error', why: 'cookies are set "through your Web browser (if you allow)"' },
      { rule: 'consent-by-use', at: ['purposes', purpose('website_cookies'), 'lawful_bases', 0], why: 'consent to cookies inferred from browser settings' },
      { rule: 'legal-obligation-named', at: ['purposes', purpose('periodic_emails'), 'lawful_bases', 2], why: '"We will identify the relevant legal obligation when we rely on this legal basis", and it does not' },
      { rule: 'ico-registration', severity: 'warning', why: 'no ICO registration number' },
      { rule: 'requirement-stated', at: ['purposes', purpose('transactions')], why: 'the notice never says what data an order requires' },
    ]);
  });

  it('the completeness check finds the items the seed leaves out (no way to contact the controller)', () => {
    expectCoverageMissing(checkCoverage(d), ['art13-1-a']);
  });

  it('does not report what the seed gets right', () => {
    expectNoFinding(faithful.lint, 'access-fee', '"You will not have to pay a fee ... unless clearly unfounded, repetitive or excessive"');
    expectNoFinding(faithful.lint, 'transfer-safeguard', 'group transfers use standard contractual terms approved for use in the UK', ['recipients', recipient('jumpmind_group')]);
    expectNoFinding(faithful.lint, 'transfer-safeguard-copy', 'a copy is offered through the Contact Us page');
    expectNoFinding(faithful.lint, 'legitimate-interest-stated', 'the interests are stated: preventing fraud, a secure customer experience');
    expectNoFinding(faithful.lint, 'consent-withdrawal-route', 'withdrawal is explained, and marketing can be stopped via the Contact Us page');
    expectNoFinding(faithful.lint, 'marketing-objection-route', 'the absolute right to object to direct marketing is stated');
    expectNoFinding(faithful.lint, 'retention-missing', 'criteria-based retention covers every purpose');
    expectNoFinding(faithful.lint, 'retention-period-or-criteria', 'criteria are given');
    expectNoFinding(faithful.lint, 'children-consent-age', 'nothing is collected from under-13s');
    expectNoFinding(faithful.lint, 'rights-listed', 'all rights, including withdrawing consent, are listed');
    expectNoFinding(faithful.lint, 'joint-controller-arrangement', 'Jumpmind, Inc is a group company that is also "we", not a separate joint controller');
  });

  it('the corrected declaration has no error or warning and covers every item', () => {
    expectCleanAndComplete(corrected.declaration);
  });

  it('the checked-in notice.html is the rendered faithful declaration', () => {
    expectCheckedInNotice(new URL('./notice.html', import.meta.url), d);
  });
});
