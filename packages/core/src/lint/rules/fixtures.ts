import { stringify } from 'yaml';
import type { Finding } from '../../declaration/finding.js';
import { parseDeclaration } from '../../declaration/load-declaration.js';
import type { DeclarationInput } from '../../declaration/schema/declaration.js';
import { lintDeclaration } from '../lint-declaration.js';

/**
 * A small, complete declaration that every rule accepts: the baseline the rule tests mutate into violations.
 * Returns a fresh object each time so a test can change it freely.
 */
export function cleanDeclaration(): DeclarationInput {
  return {
    pledge: 1,
    organisation: {
      legal_name: 'Acme Learning Ltd',
      company_number: '01234567',
      registered_in: 'England and Wales',
      address: '1 High Street, Leeds LS1 1AA',
      contact: { email: 'privacy@acme.example', phone: '0113 496 0000' },
      ico_registration: 'ZA123456',
      dpo: { name: 'Data Protection Officer', email: 'dpo@acme.example' },
      other_controllers: [
        {
          id: 'partner_trust',
          legal_name: 'Example Academy Trust',
          relationship: 'joint_controller',
          arrangement: 'A summary of our joint arrangement is at https://acme.example/legal/joint',
        },
      ],
    },
    notice: {
      title: 'Privacy notice',
      language: 'en-GB',
      statements: ['We will email you before any material change to this notice takes effect.'],
    },
    subjects: [
      { id: 'customers', name: 'Customers', minimum_age: 18 },
      { id: 'visitors', name: 'Website visitors' },
      { id: 'applicants', name: 'Job applicants', minimum_age: 16 },
      { id: 'learners', name: 'Learners', minimum_age: 13, children: true },
    ],
    data_categories: [
      { id: 'contact_details', name: 'Contact details', examples: ['name', 'email address'] },
      { id: 'billing_details', name: 'Billing details' },
      { id: 'usage_data', name: 'Usage data' },
      { id: 'health_information', name: 'Health information', special_category: 'health' },
      { id: 'criminal_records', name: 'Criminal record checks', criminal_offence: true },
      { id: 'learner_records', name: 'Learner records' },
    ],
    purposes: [
      {
        id: 'service',
        name: 'Providing the service',
        subjects: ['customers'],
        data_categories: ['contact_details', 'usage_data'],
        lawful_bases: [{ basis: 'contract' }],
        requirement: { type: 'contractual', obligatory: true, consequence: 'Without these details we cannot provide your account' },
        recipients: ['hosting', 'support_desk'],
      },
      {
        id: 'billing',
        name: 'Billing',
        subjects: ['customers'],
        data_categories: ['contact_details', 'billing_details'],
        lawful_bases: [{ basis: 'contract' }, { basis: 'legal_obligation', obligation: 'HMRC record-keeping rules (Companies Act 2006 s.386)' }],
        requirement: { type: 'statutory', obligatory: true, consequence: 'We cannot invoice you or keep lawful accounts' },
        recipients: ['payments'],
        automated_decisions: ['credit_check'],
      },
      {
        id: 'security',
        name: 'Keeping the service secure',
        subjects: ['customers', 'visitors'],
        data_categories: ['usage_data'],
        lawful_bases: [{ basis: 'legitimate_interests', interest: 'Protecting our service and users from misuse', assessment: 'LIA-2025-02 in the privacy folder' }],
      },
      {
        id: 'newsletter',
        name: 'Newsletter',
        subjects: ['customers', 'visitors'],
        data_categories: ['contact_details'],
        lawful_bases: [{ basis: 'consent', consent: { mechanism: 'double_opt_in', withdraw: 'Use the unsubscribe link in any email' } }],
        direct_marketing: true,
        objection: 'Use the unsubscribe link in any email, or email privacy@acme.example',
        recipients: ['crm'],
      },
      {
        id: 'recruitment',
        name: 'Recruitment',
        subjects: ['applicants'],
        data_categories: ['contact_details', 'health_information', 'criminal_records'],
        lawful_bases: [{ basis: 'contract', when: 'to take steps before an employment contract' }],
        special_category_condition: { condition: 'employment_social_security', schedule_1: 'Part 1 para 1 (employment)' },
        criminal_offence_condition: 'DPA 2018 Sch 1 Part 1 para 1, with our appropriate policy document',
        sources: [{ type: 'data_subject' }, { type: 'third_party', description: 'Referees you name and the Disclosure and Barring Service' }],
        requirement: { type: 'contract_precondition', obligatory: true, consequence: 'We cannot consider your application' },
      },
      {
        id: 'events',
        name: 'Joint learning events',
        role: 'joint_controller',
        joint_controllers: ['partner_trust'],
        subjects: ['learners'],
        data_categories: ['contact_details'],
        lawful_bases: [{ basis: 'legitimate_interests', interest: 'Running events with partner schools', assessment: 'LIA-2025-03' }],
      },
      {
        id: 'fraud_reporting',
        name: 'Reporting fraud to the police',
        subjects: ['customers'],
        data_categories: ['billing_details'],
        lawful_bases: [{ basis: 'recognised_legitimate_interest', condition: 'crime' }],
        recipients: ['police'],
      },
    ],
    processor_activities: [
      {
        id: 'learner_data',
        name: 'Hosting learner records for schools',
        controllers: [{ name: 'Schools that use our service' }],
        subjects: ['learners'],
        data_categories: ['learner_records'],
        contract: 'Data Processing Addendum at https://acme.example/legal/dpa',
        subprocessors: ['hosting'],
        deletion_on_instruction: '30 days',
        in_notice: false,
      },
    ],
    recipients: [
      { id: 'hosting', name: 'Amazon Web Services EMEA SARL', kind: 'processor', service: 'Cloud hosting', locations: ['DE'], contract: 'AWS GDPR DPA' },
      { id: 'payments', name: 'Stripe Payments Europe Ltd', kind: 'processor', service: 'Payments', locations: ['IE'], contract: 'Stripe DPA' },
      {
        id: 'crm',
        name: 'HubSpot Inc',
        kind: 'processor',
        service: 'Email marketing',
        locations: ['US'],
        contract: 'HubSpot DPA',
        dpf_certified: true,
        safeguard: { mechanism: 'dpf_uk_extension' },
      },
      {
        id: 'support_desk',
        name: 'Helpdesk Services Pvt Ltd',
        kind: 'processor',
        service: 'Customer support',
        locations: ['IN'],
        contract: 'Support services DPA 2025',
        safeguard: { mechanism: 'idta', copy: 'Email privacy@acme.example for a copy', risk_assessment: 'TRA-2025-01' },
      },
      { id: 'google_ads', name: 'Google Ireland Ltd', kind: 'controller', service: 'Advertising', locations: ['IE'] },
      { id: 'police', name: 'Police forces', kind: 'public_authority', category: true, locations: ['GB'] },
    ],
    retention: [
      { id: 'accounts', purposes: ['service'], period: '60 days', from: 'contract_end' },
      { id: 'invoices', purposes: ['billing', 'fraud_reporting'], period: '6 years', from: 'contract_end', reason: 'HMRC record-keeping rules' },
      { id: 'security_logs', data_categories: ['usage_data'], period: '12 months', from: 'collected' },
      { id: 'marketing', purposes: ['newsletter'], criteria: 'Until you unsubscribe, then kept on a suppression list' },
      { id: 'applications', purposes: ['recruitment'], period: 'six months', from: 'application_closed' },
      { id: 'event_records', purposes: ['events'], period: '1 year', from: 'collected' },
    ],
    cookies: {
      consent_mechanism: 'banner',
      honour_global_privacy_control: true,
      claimed_categories: ['strictly_necessary', 'statistics', 'marketing'],
      items: [
        { id: 'csrf', name: 'csrf_token', category: 'strictly_necessary', purpose: 'Protects forms against cross-site request forgery', exemption: 'strictly_necessary' },
        {
          id: 'stats',
          name: '_pk_id',
          provider: 'Matomo (self-hosted)',
          category: 'statistics',
          purpose: 'Counting visits to improve the site',
          exemption: 'statistics',
          opt_out: true,
        },
        {
          id: 'ads',
          name: '_gcl_au',
          provider: 'Google Ads',
          recipient: 'google_ads',
          category: 'marketing',
          purpose: 'Measuring which advertising brings visitors',
          party: 'third',
          exemption: 'none',
        },
      ],
    },
    automated_decisions: [
      {
        id: 'credit_check',
        name: 'Credit check for monthly billing',
        logic: 'A credit agency score below a set threshold declines monthly billing',
        significance: 'You may be offered annual prepayment instead',
        safeguards: 'Ask for a person to review the decision at billing@acme.example',
      },
    ],
    security: { measures: [{ name: 'Encryption in transit and at rest' }, { name: 'Multi-factor authentication for staff' }] },
    children: { minimum_age: 13, statement: 'Our service is not for children under 13.' },
    rights: {
      channels: [
        { type: 'email', value: 'privacy@acme.example' },
        { type: 'web_form', value: 'https://acme.example/privacy/request' },
      ],
      offered: ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdraw_consent', 'automated_decisions'],
      response_period: '1 month',
      extension: '2 months',
      fee: 'unfounded_or_excessive_only',
      fee_statement: 'Requests are free. We may charge a reasonable fee for further copies, or for manifestly unfounded or excessive requests.',
    },
    complaints: {
      channels: [{ type: 'email', value: 'complaints@acme.example' }],
      acknowledge_within: '30 days',
      ico: { url: 'https://ico.org.uk/make-a-complaint/', helpline: '0303 123 1113' },
    },
  };
}

/** The result of linting a declaration built from the clean one. */
export interface Variant {
  findings: Finding[];
  /** The YAML text that was linted, to find the line a finding should point at. */
  yaml: string;
}

/**
 * Builds the clean declaration, lets `change` alter it, writes it as YAML, loads it as `pledge check` would and lints it.
 * Throws when the changed declaration no longer passes the schema, so a test cannot pass by accident on an unusable file.
 */
export function lintVariant(change?: (d: DeclarationInput) => void): Variant {
  const d = cleanDeclaration();
  change?.(d);
  const yaml = stringify(d, { lineWidth: 0 });
  const loaded = parseDeclaration(yaml);
  if (!loaded.declaration) throw new Error(`variant does not load: ${loaded.findings.map((f) => `${f.ruleId} ${f.path.join('.')}: ${f.message}`).join('; ')}`);
  return { findings: lintDeclaration(loaded.declaration, { sourceMap: loaded.sourceMap }), yaml };
}

/** The 1-based line of the first line of `yaml` containing `text`. */
export function lineOf(yaml: string, text: string): number {
  const i = yaml.split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`"${text}" is not in the YAML`);
  return i + 1;
}

/** The position of an item in a section of the clean declaration, so tests name items by id rather than by index. */
export function indexOf(section: 'subjects' | 'data_categories' | 'purposes' | 'recipients' | 'retention' | 'processor_activities' | 'automated_decisions', id: string): number {
  const list = (cleanDeclaration()[section] ?? []) as { id: string }[];
  const i = list.findIndex((item) => item.id === id);
  if (i < 0) throw new Error(`no ${section} item "${id}" in the clean declaration`);
  return i;
}

/** The findings of one rule. */
export function findingsOf(variant: Variant, ruleId: string): Finding[] {
  return variant.findings.filter((f) => f.ruleId === ruleId);
}
