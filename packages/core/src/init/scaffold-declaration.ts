import { Document, isMap, isPair, isScalar, isSeq, Scalar, visit, type Node, type YAMLMap } from 'yaml';
import type { DeclarationInput } from '../declaration/schema/declaration.js';

/** Kinds of processing `pledge init` can start a declaration from. */
export const SCAFFOLD_USES = ['website', 'customers', 'marketing', 'recruitment', 'analytics_cookies'] as const;
export type ScaffoldUse = (typeof SCAFFOLD_USES)[number];

/** What `pledge init` asks. Every value is used exactly as given (quoted in the YAML, never trimmed). */
export interface ScaffoldAnswers {
  legalName: string;
  companyNumber?: string | undefined;
  address: string;
  email: string;
  icoRegistration: string;
  website?: string | undefined;
  region?: 'england-and-wales' | 'scotland' | 'northern-ireland' | undefined;
  /** Processing to start from; answering enquiries is always included. */
  uses?: readonly ScaffoldUse[] | undefined;
}

type Purpose = NonNullable<DeclarationInput['purposes']>[number];
type Retention = NonNullable<DeclarationInput['retention']>[number];

/** Comments shown above top-level sections, so a first-time author knows what each one is for. */
const SECTION_COMMENTS: Record<string, string> = {
  organisation: ' Who you are (UK GDPR Art 13(1)(a)). Add "dpo:" if you have appointed a data protection officer.',
  notice: ' The published notice. Add "last_updated: YYYY-MM-DD" when you publish it, and "url:" where it lives.',
  subjects: ' The groups of people whose data you hold.',
  data_categories: ' The kinds of personal data you hold. Mark health, biometric and other special category data with "special_category:".',
  purposes:
    ' Why you use the data, each with its lawful basis (Art 6(1)). Remove what you do not do, add what you do.\n' +
    ' For legitimate interests, carry out a legitimate interests assessment and put its reference in "assessment:".',
  recipients:
    ' Who receives the data. Replace the general descriptions with the organisations you use (their name, where they\n' +
    ' process the data, your contract with them); outside the UK, add the transfer "safeguard:".',
  retention: ' How long you keep each kind of data, and from when (Art 13(2)(a)). Pledge turns these into deletion schedules.',
  cookies: ' Cookies and similar technologies (PECR reg 6). Only strictly necessary cookies are set before the visitor chooses.',
  security: ' A general description of your security measures (Art 30(1)(g), Art 32).',
  children: ' Children (Art 8). If you offer online services to children, say from what age and how a parent consents for under-13s.',
  rights: ' How people use their rights (Arts 12-22). "1 month" is the legal limit; Pledge computes due dates from it.',
  complaints: ' Complaints to you (Data Protection Act 2018 s.164A) and to the ICO (Art 77).',
  changes: ' How you tell people about changes to this notice.',
};

const HEADER = [
  ' yaml-language-server: $schema=./pledge-declaration.schema.json',
  '',
  ' Your Pledge declaration: what personal data you process, why, on what lawful basis, for how long and with whom.',
  ' "pledge init" wrote it from your answers. Read every section and change what is not true of your organisation,',
  ' then run "pledge check" on this file. "pledge render" writes the privacy notice; "pledge ropa" the record of processing.',
].join('\n');

function required(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`scaffoldDeclaration: ${name} is required and may not be empty.`);
}

/**
 * Writes the YAML text of a new declaration from the answers to `pledge init`: the organisation, the people, data,
 * purposes with their lawful bases, recipients, retention, cookies, security, rights, complaints and change policy
 * for the kinds of processing chosen, with comments that explain each section. The result passes every check
 * (no errors, no warnings) for any choice of `uses`. Answers are written as double-quoted YAML strings, so any
 * text (quotes, colons, "#", newlines) reads back exactly. Pure: no clock, no I/O.
 *
 * @example
 * const yaml = scaffoldDeclaration({ legalName: 'Acme Widgets Ltd', address: '1 High St, Leeds LS1 1AA',
 *   email: 'privacy@acme.example', icoRegistration: 'ZA123456', uses: ['website', 'customers'] });
 * parseDeclaration(yaml).declaration?.organisation.legal_name // 'Acme Widgets Ltd'
 */
export function scaffoldDeclaration(answers: ScaffoldAnswers): string {
  required('legalName', answers.legalName);
  required('address', answers.address);
  required('email', answers.email);
  required('icoRegistration', answers.icoRegistration);
  const uses = new Set<ScaffoldUse>(answers.uses ?? []);
  for (const u of uses) if (!SCAFFOLD_USES.includes(u)) throw new Error(`scaffoldDeclaration: unknown use "${String(u)}"; choose from ${SCAFFOLD_USES.join(', ')}.`);

  // Strings that carry an answer: written double-quoted whatever they contain.
  const fromAnswers = new Set<string>();
  const answer = (s: string): string => (fromAnswers.add(s), s);
  const email = answer(answers.email);
  const website = answers.website?.trim() ? answer(answers.website) : undefined;

  const hasWebsite = uses.has('website') || uses.has('analytics_cookies');
  const consentUsed = uses.has('marketing') || uses.has('analytics_cookies');

  // Subjects, data categories and recipients are added only when a chosen purpose uses them (unused ones are flagged).
  const subjects: NonNullable<DeclarationInput['subjects']> = [{ id: 'enquirers', name: 'People who contact us', description: 'Anyone who asks us a question by email, phone or post.' }];
  if (hasWebsite) subjects.push({ id: 'website_visitors', name: 'Visitors to our website' });
  if (uses.has('customers')) subjects.push({ id: 'customers', name: 'Customers', description: 'People who buy from us, and contacts at businesses that do.' });
  if (uses.has('marketing')) subjects.push({ id: 'subscribers', name: 'People who subscribe to our emails' });
  if (uses.has('recruitment')) subjects.push({ id: 'job_applicants', name: 'Job applicants' });

  const categories: NonNullable<DeclarationInput['data_categories']> = [
    { id: 'contact_details', name: 'Contact details', examples: ['name', 'email address', 'phone number', 'postal address'] },
    { id: 'enquiry_content', name: 'Your messages to us', examples: ['what you ask or tell us', 'our replies'] },
  ];
  if (uses.has('website')) categories.push({ id: 'technical_data', name: 'Technical data', examples: ['IP address', 'browser and device type', 'pages requested and when'] });
  if (uses.has('analytics_cookies')) categories.push({ id: 'usage_data', name: 'Website usage data', examples: ['pages visited', 'time on each page', 'referring site', 'approximate location from IP address'] });
  if (uses.has('customers')) {
    categories.push(
      { id: 'order_details', name: 'Order details', examples: ['what you bought', 'delivery details', 'correspondence about your order'] },
      { id: 'billing_details', name: 'Billing records', examples: ['invoices', 'payments received', 'billing address'] },
    );
  }
  if (uses.has('marketing')) categories.push({ id: 'marketing_preferences', name: 'Marketing preferences', examples: ['whether you subscribed, when and how', 'unsubscribe requests'] });
  if (uses.has('recruitment')) {
    categories.push({ id: 'application_details', name: 'Application details', examples: ['CV and covering letter', 'work history and qualifications', 'interview notes', 'right to work documents'] });
  }

  const withdrawByEmail = answer(`Use the unsubscribe link in any of our emails, or email ${answers.email}.`);
  const purposes: Purpose[] = [
    {
      id: 'enquiries',
      name: 'Answering your enquiries',
      description: 'Replying to questions you send us, and keeping a record of what was said.',
      subjects: ['enquirers'],
      data_categories: ['contact_details', 'enquiry_content'],
      lawful_bases: [{ basis: 'legitimate_interests', interest: 'responding to the questions people send us', assessment: 'Legitimate interests assessment: enquiries' }],
      sources: [{ type: 'data_subject' }],
      requirement: { type: 'none', obligatory: false, consequence: 'We cannot reply to you without a way to contact you.' },
      recipients: ['hosting'],
    },
  ];
  if (uses.has('website')) {
    purposes.push({
      id: 'website',
      name: 'Running and securing our website',
      description: 'Showing you our website, keeping it working and protecting it from attacks.',
      subjects: ['website_visitors'],
      data_categories: ['technical_data'],
      lawful_bases: [{ basis: 'legitimate_interests', interest: 'keeping our website working and secure', assessment: 'Legitimate interests assessment: website security' }],
      sources: [{ type: 'generated', description: 'Recorded by our web servers when you visit.' }],
      requirement: { type: 'none', obligatory: false, consequence: 'Our website cannot be shown to you without it.' },
      recipients: ['hosting'],
    });
  }
  if (uses.has('customers')) {
    purposes.push(
      {
        id: 'services',
        name: 'Providing our products and services',
        description: 'Taking and delivering orders, and supporting you as a customer.',
        subjects: ['customers'],
        data_categories: ['contact_details', 'order_details'],
        lawful_bases: [{ basis: 'contract' }],
        sources: [{ type: 'data_subject' }],
        requirement: { type: 'contractual', obligatory: true, consequence: 'We cannot provide our products or services to you without it.' },
        recipients: ['hosting'],
      },
      {
        id: 'accounting',
        name: 'Keeping accounts and tax records',
        subjects: ['customers'],
        data_categories: ['contact_details', 'billing_details'],
        lawful_bases: [{ basis: 'legal_obligation', obligation: 'Companies Act 2006 ss.386-388 (accounting records) and HMRC record-keeping rules' }],
        sources: [{ type: 'data_subject' }],
        requirement: { type: 'statutory', obligatory: true, consequence: 'We cannot sell to you without keeping these records.' },
        recipients: ['hosting', 'accountants', 'hmrc'],
      },
    );
  }
  if (uses.has('marketing')) {
    purposes.push({
      id: 'marketing',
      name: 'Sending you news and offers by email',
      subjects: ['subscribers'],
      data_categories: ['contact_details', 'marketing_preferences'],
      lawful_bases: [{ basis: 'consent', consent: { mechanism: 'opt_in', withdraw: withdrawByEmail, wording: 'Tick the box to receive our news and offers by email.' } }],
      sources: [{ type: 'data_subject' }],
      requirement: { type: 'none', obligatory: false, consequence: 'You will not receive our emails.' },
      direct_marketing: true,
      objection: withdrawByEmail,
      recipients: ['hosting'],
    });
  }
  if (uses.has('recruitment')) {
    purposes.push({
      id: 'recruitment',
      name: 'Considering job applications',
      description: 'Assessing applications, interviewing, making offers and checking the right to work in the UK.',
      subjects: ['job_applicants'],
      data_categories: ['contact_details', 'application_details'],
      lawful_bases: [
        { basis: 'contract', when: 'to take steps you ask for before we enter into an employment contract with you' },
        { basis: 'legal_obligation', obligation: 'Immigration, Asylum and Nationality Act 2006 s.15 (right to work checks)', when: 'if we offer you a job' },
      ],
      sources: [{ type: 'data_subject' }],
      requirement: { type: 'contract_precondition', obligatory: true, consequence: 'We cannot consider your application without it.' },
      recipients: ['hosting'],
    });
  }
  if (uses.has('analytics_cookies')) {
    purposes.push({
      id: 'analytics',
      name: 'Understanding how our website is used',
      description: 'Counting visits and seeing which pages are used, so we can improve the website.',
      subjects: ['website_visitors'],
      data_categories: ['usage_data'],
      lawful_bases: [{ basis: 'consent', consent: { mechanism: 'cookie_banner', withdraw: 'Change your choice at any time with the "Cookie settings" link at the foot of every page.' } }],
      sources: [{ type: 'generated', description: 'Collected by analytics cookies on your device, only if you accept them.' }],
      requirement: { type: 'none', obligatory: false, consequence: 'None: the website works the same if you refuse.' },
      recipients: ['hosting'],
    });
  }

  const recipients: NonNullable<DeclarationInput['recipients']> = [
    {
      id: 'hosting',
      name: 'Our hosting provider',
      kind: 'processor',
      category: true,
      service: 'Hosting our website, email and systems',
      locations: ['GB'],
      contract: 'Data processing terms in our hosting agreement',
    },
  ];
  if (uses.has('customers')) {
    recipients.push(
      { id: 'accountants', name: 'Our accountants', kind: 'professional_adviser', category: true, service: 'Preparing our accounts and tax returns', locations: ['GB'] },
      { id: 'hmrc', name: 'HM Revenue & Customs', kind: 'public_authority', service: 'Tax authority, when the law requires us to share records', locations: ['GB'] },
    );
  }

  const retention: Retention[] = [
    { id: 'enquiries', purposes: ['enquiries'], period: '24 months', from: 'last_contact', reset_by: ['reply_received'], reason: 'So that we can answer follow-up questions.' },
  ];
  if (uses.has('website')) retention.push({ id: 'server_logs', purposes: ['website'], period: '90 days', from: 'collected', reason: 'Long enough to investigate security incidents.' });
  if (uses.has('customers')) {
    retention.push(
      { id: 'customer_records', purposes: ['services'], period: '6 years', from: 'contract_end', reason: 'The time within which contract claims can be brought (Limitation Act 1980 s.5).', legal_holds: ['complaint', 'litigation'] },
      { id: 'accounting_records', purposes: ['accounting'], period: '6 years', from: 'financial_year_end', reason: 'Companies Act 2006 s.388 and HMRC record-keeping rules.' },
    );
  }
  if (uses.has('marketing')) {
    retention.push({
      id: 'marketing',
      purposes: ['marketing'],
      criteria: 'Until you unsubscribe. After that we keep only your email address on a suppression list, so that we never email you again.',
    });
  }
  if (uses.has('recruitment')) {
    retention.push({
      id: 'applications',
      purposes: ['recruitment'],
      period: '6 months',
      from: 'application_closed',
      reason: 'So that we can answer questions or claims about our recruitment decision. If you join us, your application becomes part of your staff record.',
    });
  }
  if (uses.has('analytics_cookies')) retention.push({ id: 'analytics', purposes: ['analytics'], period: '14 months', from: 'collected' });

  const declaration: DeclarationInput = {
    pledge: 1,
    organisation: {
      legal_name: answer(answers.legalName),
      ...(answers.companyNumber?.trim() ? { company_number: answer(answers.companyNumber) } : {}),
      address: answer(answers.address),
      contact: { email, ...(website ? { url: website } : {}) },
      ico_registration: answer(answers.icoRegistration),
      region: answers.region ?? 'england-and-wales',
    },
    notice: {
      title: 'Privacy notice',
      language: 'en-GB',
      introduction: 'This notice explains what personal data we collect, why we use it, how long we keep it, who we share it with and what your rights are.',
    },
    subjects,
    data_categories: categories,
    purposes,
    recipients,
    retention,
    ...(uses.has('analytics_cookies')
      ? {
          cookies: {
            consent_mechanism: 'banner',
            honour_do_not_track: true,
            honour_global_privacy_control: true,
            items: [
              { id: 'cookie_choices', name: 'cookie_consent', category: 'strictly_necessary', purpose: 'Remembers the cookie choices you made.', duration: '6 months', party: 'first', exemption: 'strictly_necessary' },
              { id: 'analytics', name: 'analytics_id', category: 'statistics', purpose: 'Counts visits and shows which pages are used, so we can improve the website.', duration: '13 months', party: 'first', exemption: 'none' },
            ],
          },
        }
      : {}),
    security: {
      measures: [
        { name: 'Encryption in transit', description: 'Our website and systems use HTTPS (TLS).' },
        { name: 'Access control', description: 'Only staff who need personal data for their work can see it.' },
        { name: 'Multi-factor authentication', description: 'On every system that holds personal data.' },
        { name: 'Backups', description: 'Regular, encrypted backups, tested by restoring them.' },
      ],
      breach_procedure: 'We record every personal data breach, report it to the ICO within 72 hours where required, and tell you without undue delay if it puts you at high risk.',
    },
    children: { directed_at_children: false, statement: 'Our services are not aimed at children.' },
    rights: {
      channels: [{ type: 'email', value: email }],
      offered: ['informed', 'access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', ...(consentUsed ? (['withdraw_consent'] as const) : [])],
      response_period: '1 month',
      extension: '2 months',
      fee: 'free',
      fee_statement: 'Making a request is free.',
      identity_verification: 'If we are not sure who you are, we may ask for information to confirm your identity before we act on your request.',
      portability_formats: ['CSV', 'JSON'],
      ...(consentUsed ? { withdraw_consent: answer(`Withdraw your consent at any time, as easily as you gave it: see each purpose, or email ${answers.email}.`) } : {}),
      objection: answer(`Email ${answers.email} to object. You can always object to direct marketing, and we will then stop it.`),
    },
    complaints: {
      channels: [{ type: 'email', value: email }],
      acknowledge_within: '30 days',
      process: 'We acknowledge your complaint within 30 days, look into it, keep you informed of progress and tell you the outcome.',
      ico: { url: 'https://ico.org.uk/make-a-complaint/', helpline: '0303 123 1113' },
    },
    changes: {
      notify_by: uses.has('customers') || uses.has('marketing') ? ['website', 'email'] : ['website'],
      statement: 'We update this notice when our use of personal data changes, and tell you before a change that matters to you takes effect.',
    },
  };

  const doc = new Document(declaration);
  doc.commentBefore = HEADER;
  const root = doc.contents as YAMLMap;
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const comment = SECTION_COMMENTS[String(pair.key.value)];
    if (comment) {
      pair.key.commentBefore = comment;
      pair.key.spaceBefore = true;
    }
  }
  const recipientsNode = doc.get('recipients');
  const hostingNode = isSeq(recipientsNode) ? (recipientsNode.items[0] as Node | undefined) : undefined;
  if (isMap(hostingNode)) {
    hostingNode.commentBefore =
      ' Replace with your hosting provider: its name (remove "category: true"), where it stores the data, and your contract with it.';
  }
  visit(doc, {
    Seq(_key, node) {
      // Short lists of ids and words on one line: "subjects: [customers]".
      const words = node.items.map((i) => (isScalar(i) && typeof i.value === 'string' && !fromAnswers.has(i.value) ? i.value : undefined));
      if (words.every((w) => w !== undefined && /^[\w-]+$/.test(w)) && words.join(', ').length <= 60) node.flow = true;
    },
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && fromAnswers.has(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
