import { z } from 'zod';
import { ContactPoint, Duration, Id, IdRefs, Text } from './common.js';

/** Art 9(1) special categories, and Art 10 criminal offence data. */
export const SpecialCategory = z.enum([
  'racial_or_ethnic_origin',
  'political_opinions',
  'religious_or_philosophical_beliefs',
  'trade_union_membership',
  'genetic',
  'biometric',
  'health',
  'sex_life_or_orientation',
]);

export const Subject = z
  .object({
    id: Id,
    name: Text.describe('How the group is named in the notice: "Job applicants", "Website visitors".'),
    description: Text.optional(),
    minimum_age: z.number().int().min(0).max(120).optional().describe('Youngest age expected in this group; below 18 marks children.'),
    children: z.boolean().optional().describe('True when the group includes people under 18.'),
  })
  .strict();

export const DataCategory = z
  .object({
    id: Id,
    name: Text,
    description: Text.optional(),
    examples: z.array(Text).optional().describe('Fields in this category, in plain words: "name", "email address".'),
    special_category: SpecialCategory.optional().describe('Set when the category is special category data (Art 9(1)).'),
    criminal_offence: z.boolean().optional().describe('True for criminal convictions and offences data (Art 10).'),
  })
  .strict();

export const ConsentDetails = z
  .object({
    mechanism: z
      .enum(['opt_in', 'cookie_banner', 'signed_form', 'verbal_recorded', 'double_opt_in', 'pre_ticked', 'continued_use', 'browser_settings'])
      .describe('How consent is given. pre_ticked, continued_use and browser_settings are not valid consent under UK GDPR Art 4(11) and Art 7.'),
    withdraw: Text.optional().describe('How to withdraw: must be as easy as giving (Art 7(3)).'),
    wording: Text.optional(),
  })
  .strict();

export const LawfulBasis = z
  .object({
    basis: z
      .enum(['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'recognised_legitimate_interest', 'legitimate_interests'])
      .describe('UK GDPR Art 6(1): (a) consent, (b) contract, (c) legal obligation, (d) vital interests, (e) public task, (ea) recognised legitimate interest, (f) legitimate interests.'),
    when: Text.optional().describe('When this basis applies, where a purpose has several: "if you are a sole trader".'),
    interest: Text.optional().describe('For legitimate_interests: the interest pursued (Art 13(1)(d)).'),
    assessment: Text.optional().describe('For legitimate_interests: reference or link to the legitimate interests assessment.'),
    condition: z
      .enum(['disclosure_to_public_body', 'national_security_defence', 'emergencies', 'crime', 'safeguarding'])
      .optional()
      .describe('For recognised_legitimate_interest: the Annex 1 condition relied on.'),
    obligation: Text.optional().describe('For legal_obligation: the law that imposes it.'),
    consent: ConsentDetails.optional(),
  })
  .strict();

export const Art9Condition = z
  .object({
    condition: z.enum([
      'explicit_consent',
      'employment_social_security',
      'vital_interests',
      'not_for_profit',
      'made_public',
      'legal_claims',
      'substantial_public_interest',
      'health_social_care',
      'public_health',
      'archiving_research_statistics',
    ]).describe('UK GDPR Art 9(2)(a)-(j).'),
    schedule_1: Text.optional().describe('DPA 2018 Schedule 1 condition (needed with (b), (g), (h), (i), (j)), e.g. "Part 1 para 1 employment".'),
    appropriate_policy_document: Text.optional(),
  })
  .strict();

export const Source = z
  .object({
    type: z.enum(['data_subject', 'third_party', 'public', 'generated']).describe('Where the data comes from (Art 14(2)(f)).'),
    description: Text.optional(),
  })
  .strict();

export const Requirement = z
  .object({
    type: z.enum(['statutory', 'contractual', 'contract_precondition', 'none']).describe('Art 13(2)(e): is giving the data a statutory or contractual requirement, or needed to enter a contract?'),
    obligatory: z.boolean().optional(),
    consequence: Text.optional().describe('What happens if the person does not give it.'),
  })
  .strict();

export const Purpose = z
  .object({
    id: Id,
    name: Text,
    description: Text.optional(),
    role: z.enum(['controller', 'joint_controller']).default('controller'),
    joint_controllers: IdRefs.optional().describe('Ids from organisation.other_controllers, for role joint_controller.'),
    subjects: IdRefs.describe('Ids of subject groups this purpose concerns.'),
    data_categories: IdRefs.describe('Ids of data categories used.'),
    lawful_bases: z.array(LawfulBasis).describe('At least one Art 6(1) basis.'),
    special_category_condition: Art9Condition.optional(),
    criminal_offence_condition: Text.optional().describe('Official authority or DPA 2018 Schedule 1 condition for Art 10 data.'),
    sources: z.array(Source).optional().describe('Defaults to the person themselves.'),
    requirement: Requirement.optional(),
    recipients: IdRefs.optional(),
    direct_marketing: z.boolean().optional().describe('True when the purpose is direct marketing (Art 21(2)-(3)).'),
    objection: Text.optional().describe('How to object or opt out, e.g. the unsubscribe link (Art 21(4)).'),
    automated_decisions: IdRefs.optional(),
  })
  .strict();

export const ProcessorActivity = z
  .object({
    id: Id,
    name: Text,
    description: Text.optional(),
    controllers: z.array(ContactPoint).describe('The customers we act for: named, or described as a class ("our customers").'),
    subjects: IdRefs,
    data_categories: IdRefs,
    contract: Text.optional().describe('The data processing agreement (Art 28(3)).'),
    subprocessors: IdRefs.optional(),
    deletion_on_instruction: Duration.optional().describe('Promised time to act on a customer\'s deletion instruction, e.g. "30 days".'),
    in_notice: z.boolean().default(false).describe('False where the notice says these activities are outside it.'),
  })
  .strict();

export const AutomatedDecision = z
  .object({
    id: Id,
    name: Text,
    profiling: z.boolean().optional(),
    logic: Text.optional().describe('Meaningful information about the logic involved (Art 13(2)(f)).'),
    significance: Text.optional().describe('Significance and envisaged consequences for the person.'),
    safeguards: Text.optional().describe('Art 22C safeguards: how to contest and get human intervention.'),
  })
  .strict();

export type Subject = z.infer<typeof Subject>;
export type DataCategory = z.infer<typeof DataCategory>;
export type LawfulBasis = z.infer<typeof LawfulBasis>;
export type Purpose = z.infer<typeof Purpose>;
export type ProcessorActivity = z.infer<typeof ProcessorActivity>;
export type AutomatedDecision = z.infer<typeof AutomatedDecision>;
