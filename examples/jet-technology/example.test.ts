/**
 * Jet Technology Group (seed 001): the faithful declaration loads, its notice states the seed's facts, its lint
 * report names the seed's real defects, and the corrected declaration is clean and complete.
 */
import { describe, expect, it } from 'vitest';
import { renderNotice } from '@pledge/core';
import { expectCheckedInNotice, expectFindings, expectNoFinding, indexOf, loadExample, missingFacts, type Fact, expectCleanAndComplete } from '../example-helpers.js';

const faithful = loadExample(new URL('./declaration.yaml', import.meta.url));
const corrected = loadExample(new URL('./corrected/declaration.yaml', import.meta.url));
const d = faithful.declaration;
const purpose = (id: string) => indexOf(d.purposes, id);
const recipient = (id: string) => indexOf(d.recipients, id);
const cookie = (id: string) => indexOf(d.cookies?.items ?? [], id);
const retention = (id: string) => indexOf(d.retention, id);

/** Facts the seed states, each of which the rendered notice must carry. */
const FACTS: Fact[] = [
  'Jet Technology Group Limited',
  '13045015',
  'Third Floor, Prospect House, Columbus Quay, Liverpool, England, L3 4DB',
  '01925 978963',
  'enquiries@jettechgroup.co.uk',
  'Responding to and managing your enquiry',
  'Managing our commercial relationships and any associated contracts between our respective organisations',
  'If you are a sole trader',
  'Ensuring we appropriately manage, deliver or suppress direct marketing activity',
  /7 years from our last contact/,
  /1 month[^.]*application/,
  'Sage Group plc',
  'Hiper Ltd',
  'Claris International Ltd',
  'Creditsafe Business Solutions Ltd',
  'HubSpot Inc.',
  'Data Privacy Framework',
  'Fujifilm UK Ltd',
  'Yellow Slate Design Ltd',
  'Microsoft UK & Ireland',
  'Google Analytics',
  'Googletagmanager',
  'Cyber Essentials',
  'multi-factor authentication',
  /acknowledge[^.]*within 30 days/,
  '0303 123 1113',
];

describe('examples/jet-technology (seed 001)', () => {
  it('loads with no findings', () => {
    expect(faithful.findings).toEqual([]);
  });

  it('renders a notice that states the facts of the seed', () => {
    expect(missingFacts(renderNotice(d, { format: 'text' }), FACTS)).toEqual([]);
  });

  it("names the seed's real defects", () => {
    expectFindings(faithful.lint, [
      { rule: 'cookie-third-party-recipient', at: ['cookies', 'items', cookie('google_analytics')], severity: 'warning', why: 'Google Analytics sends data to Google, which is missing from the partner table (and so is its US transfer)' },
      { rule: 'cookie-third-party-recipient', at: ['cookies', 'items', cookie('google')], severity: 'warning', why: 'Google marketing cookies: same gap' },
      { rule: 'placeholder-value', at: ['organisation', 'ico_registration'], severity: 'error', why: '"registration number TBC"' },
      { rule: 'placeholder-value', at: ['retention', retention('cookies'), 'period'], severity: 'error', why: 'retention for non-essential cookies is "TBC"' },
      { rule: 'consent-withdrawal-route', at: ['purposes', purpose('cookies'), 'lawful_bases', 0], severity: 'error', why: 'cookies rely on consent but the notice never says how to withdraw it' },
      { rule: 'rights-listed', at: ['rights'], severity: 'warning', why: 'the rights list omits withdrawing consent although consent is relied on' },
      { rule: 'legitimate-interest-assessment', at: ['purposes', purpose('direct_marketing'), 'lawful_bases', 0], why: 'no legitimate interests assessment is referred to' },
    ]);
  });

  it('does not report what the seed gets right', () => {
    expectNoFinding(faithful.lint, 'transfer-safeguard', 'HubSpot is certified to the DPF UK Extension', ['recipients', recipient('hubspot')]);
    expectNoFinding(faithful.lint, 'us-transfer-dpf', 'HubSpot is certified to the DPF UK Extension');
    expectNoFinding(faithful.lint, 'ico-registration', '"TBC" is reported once, by placeholder-value');
    expectNoFinding(faithful.lint, 'retention-period-format', '"TBC" is reported once, by placeholder-value');
    expectNoFinding(faithful.lint, 'legitimate-interest-stated', 'every legitimate interest is stated');
    expectNoFinding(faithful.lint, 'controller-identity', 'name, number, address, phone and email are given');
    expectNoFinding(faithful.lint, 'complaints-handling', 'complaints are acknowledged within 30 days');
    expectNoFinding(faithful.lint, 'marketing-objection-route', 'the notice says you can object to direct marketing');
    expectNoFinding(faithful.lint, 'cookie-consent', 'analytics and marketing cookies only with consent');
    expectNoFinding(faithful.lint, 'processor-contract', '"We always ensure appropriate contracts ... are in place"');
  });

  it('the corrected declaration has no error or warning and covers every item', () => {
    expectCleanAndComplete(corrected.declaration);
  });

  it('the checked-in notice.html is the rendered faithful declaration', () => {
    expectCheckedInNotice(new URL('./notice.html', import.meta.url), d);
  });
});
