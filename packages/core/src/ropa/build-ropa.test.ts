import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import { buildRopa } from './build-ropa.js';
import { ROPA_CONTROLLER_COLUMNS, ROPA_PROCESSOR_COLUMNS } from './ropa-columns.js';

const FIXTURE = `
pledge: 1
organisation:
  legal_name: Jupiter Learning Ltd
  trading_names: [Jupiter]
  company_number: "01234567"
  registered_in: England and Wales
  address: 1 High Street, London EC1A 1AA
  contact: { email: hello@jupiter.example, url: https://jupiter.example }
  ico_registration: ZA123456
  dpo: { name: Dana Officer, email: dpo@jupiter.example }
  representatives:
    - { for: eu, name: EU Rep GmbH, email: rep@eurep.example }
  other_controllers:
    - id: partner
      legal_name: Partner School Trust
      country: GB
      relationship: joint_controller
      contact: { email: data@partner.example }
      arrangement: Summary on request from dpo@jupiter.example
subjects:
  - { id: enquirers, name: People who contact us }
  - { id: customers, name: Customers }
  - { id: learners, name: Learners }
data_categories:
  - { id: contact, name: Contact details }
  - { id: billing, name: Billing records }
  - { id: health, name: Accessibility needs, special_category: health }
  - { id: progress, name: Learning progress }
purposes:
  - id: enquiries
    name: Enquiries
    description: Answering questions sent to us
    subjects: [enquirers]
    data_categories: [contact]
    lawful_bases:
      - basis: legitimate_interests
        interest: responding to enquiries
        assessment: LIA-2025-01
    recipients: [aws]
  - id: billing
    name: Billing
    subjects: [customers]
    data_categories: [contact, billing]
    lawful_bases:
      - { basis: contract }
      - { basis: legal_obligation, obligation: Companies Act 2006 s.388 }
    recipients: [aws, stripe, mailer, hmrc]
  - id: accessibility
    name: Accessibility support
    role: joint_controller
    joint_controllers: [partner]
    subjects: [learners]
    data_categories: [health, progress]
    lawful_bases: [{ basis: consent, consent: { mechanism: opt_in } }]
    special_category_condition: { condition: explicit_consent }
    sources: [{ type: third_party, description: the learner's school }]
    automated_decisions: [adaptive]
automated_decisions:
  - { id: adaptive, name: Adaptive difficulty, profiling: true, logic: Scores set the next exercise }
recipients:
  - { id: aws, name: AWS, kind: processor, locations: [DE], contract: AWS DPA 2024 }
  - { id: stripe, name: Stripe, kind: processor, locations: [IE, US], contract: Stripe DPA, safeguard: { mechanism: idta, reference: IDTA signed 2024-03-01 } }
  - { id: mailer, name: Mailer Inc, kind: processor, locations: [US], dpf_certified: true, contract: Mailer DPA }
  - { id: hmrc, name: HMRC, kind: public_authority, locations: [GB] }
retention:
  - { id: enq, purposes: [enquiries], period: 24 months, from: last_contact, reset_by: [reply_received] }
  - { id: invoices, data_categories: [billing], period: 6 years, from: financial_year_end, reason: Companies Act 2006 s.388 }
data_residency: { default: EU (Frankfurt), options: [UK only] }
processor_activities:
  - id: learner_data
    name: Learner records for schools
    description: Hosting and analysing learner records on the schools' instructions
    controllers: [{ name: Our school customers, email: via each school's contract }]
    subjects: [learners]
    data_categories: [progress]
    contract: Schools data processing agreement v3
    subprocessors: [aws, mailer]
    deletion_on_instruction: 30 days
security:
  measures: [{ name: Encryption in transit and at rest }, { name: Multi-factor authentication }]
  certifications: [ISO 27001]
`;

function load() {
  const r = parseDeclaration(FIXTURE);
  expect(r.findings).toEqual([]);
  return buildRopa(r.declaration!);
}

describe('buildRopa', () => {
  it('has every ICO controller-template column, in the template order', () => {
    const expected = [
      /^Business function$/,
      /^Purpose/,
      /joint controller/,
      /^Categories of individuals$/,
      /^Categories of personal data$/,
      /^Categories of recipients$/,
      /contract with processor/,
      /third countries/,
      /^Safeguards for exceptional transfers/,
      /^Retention schedule/,
      /security measures/,
      /^Article 6 lawful basis/,
      /^Article 9/,
      /^Legitimate interests/,
      /legitimate interests assessment/,
      /^Rights available/,
      /automated decision-making/,
      /source/i,
      /consent/,
      /^Location/,
      /Impact Assessment required/,
      /^DPIA progress$/,
      /^Link to DPIA$/,
      /breach\?$/,
      /record of personal data breach/,
      /Schedule 1 condition/,
      /retention and erasure policy/,
      /retained and erased in accordance/,
      /^Reasons for not adhering/,
    ];
    const headers = ROPA_CONTROLLER_COLUMNS.map((c) => c.header);
    expect(headers).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(headers[i]).toMatch(re));
    expect(new Set(ROPA_CONTROLLER_COLUMNS.map((c) => c.key)).size).toBe(headers.length);
    expect(new Set(ROPA_PROCESSOR_COLUMNS.map((c) => c.key)).size).toBe(ROPA_PROCESSOR_COLUMNS.length);
  });

  it('gives one controller row per purpose, with a cell for every column', () => {
    const ropa = load();
    expect(ropa.controller.rows.map((r) => r.id)).toEqual(['enquiries', 'billing', 'accessibility']);
    for (const row of ropa.controller.rows) for (const c of ROPA_CONTROLLER_COLUMNS) expect(typeof row[c.key]).toBe('string');
  });

  it('fills the header from the organisation', () => {
    const { header } = load().controller;
    expect(header.organisation).toBe('Jupiter Learning Ltd');
    expect(header.controller).toBe(
      'Jupiter Learning Ltd (trading as Jupiter); company number 01234567, registered in England and Wales; 1 High Street, London EC1A 1AA; ICO registration ZA123456',
    );
    expect(header.contacts).toBe('hello@jupiter.example, https://jupiter.example');
    expect(header.dpo).toBe('Dana Officer, dpo@jupiter.example');
    expect(header.representatives).toBe('EU representative: EU Rep GmbH, rep@eurep.example');
    expect(header.jointControllers).toBe('Partner School Trust (GB): data@partner.example; arrangement: Summary on request from dpo@jupiter.example');
  });

  it('writes lawful bases, interests, retention and rights in plain words', () => {
    const [enq, billing] = load().controller.rows;
    expect(enq!.businessFunction).toBe('Enquiries');
    expect(enq!.purpose).toBe('Answering questions sent to us');
    expect(enq!.lawfulBasis).toBe('Legitimate interests (Art 6(1)(f)): responding to enquiries');
    expect(enq!.legitimateInterests).toBe('responding to enquiries');
    expect(enq!.liaLink).toBe('LIA-2025-01');
    expect(enq!.retention).toBe('24 months from last contact; reset by reply_received');
    expect(enq!.rights).toBe('Right to be informed; Right of access; Right to rectification; Right to erasure; Right to restriction; Right to object');
    expect(enq!.art9Condition).toMatch(/^Not applicable/);
    expect(enq!.source).toBe('The individual');
    expect(enq!.automatedDecisions).toBe('None');
    expect(billing!.lawfulBasis).toBe('Contract (Art 6(1)(b))\nLegal obligation (Art 6(1)(c)): Companies Act 2006 s.388');
    expect(billing!.retention).toBe('Billing records: 6 years from financial year end; reason: Companies Act 2006 s.388');
    expect(billing!.rights).toContain('Right to data portability');
    expect(billing!.legitimateInterests).toBe('');
  });

  it('lists recipients, computes third countries outside GB and names the safeguards', () => {
    const [enq, billing] = load().controller.rows;
    expect(enq!.recipients).toBe('AWS (processor, DE)');
    expect(enq!.thirdCountries).toBe('DE (AWS)');
    expect(enq!.transferSafeguards).toBe('AWS (DE): UK adequacy regulations');
    expect(billing!.recipients).toBe('AWS (processor, DE); Stripe (processor, IE, US); Mailer Inc (processor, US); HMRC (public authority, GB)');
    expect(billing!.thirdCountries).toBe('DE (AWS); IE (Stripe); US (Stripe, Mailer Inc)');
    expect(billing!.transferSafeguards).toBe(
      [
        'AWS (DE): UK adequacy regulations',
        'Stripe (IE, US): International Data Transfer Agreement (IDTA); reference: IDTA signed 2024-03-01',
        'Mailer Inc (US): UK Extension to the EU-US Data Privacy Framework',
      ].join('\n'),
    );
    expect(billing!.processorContract).toBe('AWS: AWS DPA 2024; Stripe: Stripe DPA; Mailer Inc: Mailer DPA');
    expect(billing!.location).toBe('EU (Frankfurt) (on request: UK only); AWS: DE; Stripe: IE, US; Mailer Inc: US');
    expect(billing!.security).toBe('Encryption in transit and at rest; Multi-factor authentication; certifications: ISO 27001');
  });

  it('covers joint control, special category data, sources and automated decisions', () => {
    const acc = load().controller.rows[2]!;
    expect(acc.jointController).toContain('Partner School Trust');
    expect(acc.personalData).toBe('Accessibility needs (special category: health); Learning progress');
    expect(acc.art9Condition).toBe('Explicit consent (Art 9(2)(a))');
    expect(acc.schedule1Condition).toBe('Not required for Art 9(2)(a)');
    expect(acc.source).toBe("Third parties: the learner's school");
    expect(acc.automatedDecisions).toBe('Adaptive difficulty (profiling): Scores set the next exercise');
    expect(acc.rights).toContain('Right to withdraw consent');
    expect(acc.rights).toContain('Rights about automated decisions');
    expect(acc.recipients).toBe('');
    expect(acc.thirdCountries).toBe('');
  });

  it('leaves the columns the declaration cannot know empty', () => {
    for (const row of load().controller.rows) {
      for (const k of ['consentRecord', 'dpiaRequired', 'dpiaProgress', 'dpiaLink', 'breach', 'breachLink', 'retentionPolicyLink', 'retainedPerPolicy', 'reasonsIfNot'] as const) {
        expect(row[k]).toBe('');
      }
    }
  });

  it('gives one processor row per processor activity (Art 30(2))', () => {
    const { header, rows } = load().processor;
    expect(header.processor).toMatch(/^Jupiter Learning Ltd/);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.id).toBe('learner_data');
    expect(row.activity).toBe('Learner records for schools');
    expect(row.controllers).toBe("Our school customers, via each school's contract");
    expect(row.categoriesOfProcessing).toBe("Hosting and analysing learner records on the schools' instructions");
    expect(row.personalData).toBe('Learning progress');
    expect(row.subprocessors).toBe('AWS (processor, DE); Mailer Inc (processor, US)');
    expect(row.thirdCountries).toBe('DE (AWS); US (Mailer Inc)');
    expect(row.transferSafeguards).toContain('Mailer Inc (US): UK Extension to the EU-US Data Privacy Framework');
    expect(row.contract).toBe('Schools data processing agreement v3');
    expect(row.deletion).toBe('Within 30 days of the controller\u2019s instruction');
    expect(row.dpo).toBe('Dana Officer, dpo@jupiter.example');
    expect(row.security).toContain('Multi-factor authentication');
    for (const c of ROPA_PROCESSOR_COLUMNS) expect(typeof row[c.key]).toBe('string');
  });

  it('is empty but well formed for a minimal declaration', () => {
    const r = parseDeclaration('pledge: 1\norganisation: { legal_name: Tiny Ltd }\n');
    const ropa = buildRopa(r.declaration!);
    expect(ropa.controller.rows).toEqual([]);
    expect(ropa.processor.rows).toEqual([]);
    expect(ropa.controller.header).toEqual({ organisation: 'Tiny Ltd', controller: 'Tiny Ltd', contacts: '', dpo: '', representatives: '', jointControllers: '' });
  });
});
