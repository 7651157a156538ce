/**
 * JUXT (seed 003): the faithful declaration loads, its notice states the seed's facts, its lint report names the
 * seed's real defects, and the corrected declaration is clean and complete.
 */
import { describe, expect, it } from 'vitest';
import { checkCoverage, renderNotice } from '@pledge/core';
import { expectCheckedInNotice, expectCoverageMissing, expectFindings, expectNoFinding, indexOf, loadExample, missingFacts, type Fact, expectCleanAndComplete } from '../example-helpers.js';

const faithful = loadExample(new URL('./declaration.yaml', import.meta.url));
const corrected = loadExample(new URL('./corrected/declaration.yaml', import.meta.url));
const d = faithful.declaration;
const purpose = (id: string) => indexOf(d.purposes, id);
const category = (id: string) => indexOf(d.data_categories, id);
const recipient = (id: string) => indexOf(d.recipients, id);

/** Facts the seed states, each of which the rendered notice must carry. */
const FACTS: Fact[] = [
  'JUXT Ltd.',
  'Norfolk House, Studio 1, Ground Floor, Silbury Blvd, Milton Keynes MK9 2AH',
  'info@juxt.pro',
  '+44 (0) 333 93 98 309',
  'By using this website you consent to the collection and use of your information',
  'Process job applications',
  'resume',
  'publicly-available information about the company',
  'Matomo Analytics',
  'Google Workspace',
  'Salesforce',
  'MailChimp',
  'GoTo',
  'unsubscribe',
  'Keeping you signed in',
  'Understanding how you use our website',
  'We may charge you a small fee for this service.',
  /within (one|1) month/,
  'will not share your data with partner companies',
  'Right to Erasure Request',
  '9 February 2023',
  'ico.org.uk',
];

describe('examples/juxt (seed 003)', () => {
  it('loads with no findings', () => {
    expect(faithful.findings).toEqual([]);
  });

  it('renders a notice that states the facts of the seed', () => {
    expect(missingFacts(renderNotice(d, { format: 'text' }), FACTS)).toEqual([]);
  });

  it("names the seed's real defects", () => {
    expectFindings(faithful.lint, [
      { rule: 'consent-by-use', at: ['notice', 'introduction'], severity: 'error', why: '"By using this website you consent to the collection and use of your information"' },
      { rule: 'consent-by-use', at: ['cookies', 'consent_mechanism'], severity: 'error', why: 'analytics and functionality cookies are set on the strength of using the site' },
      { rule: 'recipient-location', at: ['recipients', recipient('google_workspace')], severity: 'warning', why: 'Google Workspace, Salesforce, MailChimp and GoTo are used with no word on where they process data or how transfers are safeguarded' },
      { rule: 'recipient-location', at: ['recipients', recipient('mailchimp')], severity: 'warning', why: 'MailChimp sends marketing emails on JUXT\'s behalf; its location is not stated' },
      { rule: 'access-fee', at: ['rights', 'fee'], severity: 'error', why: '"We may charge you a small fee for this service"' },
      { rule: 'cookie-claim-mismatch', at: ['cookies'], why: '"our website only uses Functionality Cookies" beside Matomo analytics ("Understanding how you use our website")' },
      { rule: 'purpose-lawful-basis', at: ['purposes', purpose('provide_services'), 'lawful_bases'], severity: 'error', why: 'no lawful basis is stated for any use but marketing' },
      { rule: 'purpose-lawful-basis', at: ['purposes', purpose('job_applications'), 'lawful_bases'], severity: 'error', why: 'no lawful basis for processing job applications' },
      { rule: 'retention-missing', at: ['purposes', purpose('job_applications'), 'data_categories'], severity: 'error', why: 'no retention period or criteria anywhere, not even for CVs' },
      { rule: 'retention-missing', at: ['purposes', purpose('provide_services'), 'data_categories'], severity: 'error', why: 'no retention period or criteria anywhere' },
      { rule: 'rights-listed', at: ['rights'], severity: 'warning', why: 'withdrawing consent is not among the rights listed, although consent is claimed' },
      { rule: 'complaints-handling', severity: 'error', why: 'the only complaint route offered is the ICO' },
      { rule: 'security-measures', severity: 'warning', why: 'the notice says nothing about security' },
      { rule: 'ico-registration', severity: 'warning', why: 'no ICO registration number' },
    ]);
    expect(faithful.lint.filter((f) => f.ruleId === 'purpose-lawful-basis')).toHaveLength(d.purposes.length - 1);
  });

  it('the completeness check finds the items the seed leaves out (no lawful bases; no retention)', () => {
    expectCoverageMissing(checkCoverage(d), ['art13-1-c', 'art13-2-a']);
  });

  it('does not report what the seed gets right', () => {
    expectNoFinding(faithful.lint, 'response-period', '"we have one month to respond to you"');
    expectNoFinding(faithful.lint, 'controller-identity', 'name, address, phone and email are given');
    expectNoFinding(faithful.lint, 'marketing-objection-route', 'unsubscribe, or email info@juxt.pro');
    expectNoFinding(faithful.lint, 'consent-withdrawal-route', 'marketing consent is withdrawn by unsubscribing');
    expectNoFinding(faithful.lint, 'ico-complaint-route', 'the ICO is named');
    expectNoFinding(faithful.lint, 'source-stated', 'the public source of company information is described');
  });

  it('the corrected declaration has no error or warning and covers every item', () => {
    expectCleanAndComplete(corrected.declaration);
  });

  it('the checked-in notice.html is the rendered faithful declaration', () => {
    expectCheckedInNotice(new URL('./notice.html', import.meta.url), d);
  });
});
