import type { LawfulBasis } from '../declaration/schema/processing.js';

type BasisName = LawfulBasis['basis'];

/** UK GDPR Art 6(1) bases: the point of the article, a plain-English label, and a short reader-facing explanation. */
export const LAWFUL_BASES: Record<BasisName, { article: string; label: string; explanation: string }> = {
  consent: { article: 'UK GDPR Art 6(1)(a)', label: 'Consent', explanation: 'you have given us your consent' },
  contract: { article: 'UK GDPR Art 6(1)(b)', label: 'Contract', explanation: 'we need it to perform a contract with you, or to take steps you asked for before entering one' },
  legal_obligation: { article: 'UK GDPR Art 6(1)(c)', label: 'Legal obligation', explanation: 'the law requires us to' },
  vital_interests: { article: 'UK GDPR Art 6(1)(d)', label: 'Vital interests', explanation: 'it is needed to protect someone\u2019s life' },
  public_task: { article: 'UK GDPR Art 6(1)(e)', label: 'Public task', explanation: 'it is needed for a task in the public interest or in the exercise of official authority' },
  recognised_legitimate_interest: {
    article: 'UK GDPR Art 6(1)(ea) and Annex 1 (Data (Use and Access) Act 2025)',
    label: 'Recognised legitimate interest',
    explanation: 'it is needed for a recognised legitimate interest set out in law',
  },
  legitimate_interests: { article: 'UK GDPR Art 6(1)(f)', label: 'Legitimate interests', explanation: 'it is necessary for our legitimate interests, which are not overridden by your interests and rights' },
};

/** UK GDPR Art 9(2) conditions, and whether each also needs a DPA 2018 Schedule 1 condition (DPA 2018 s.10(2)-(3)). */
export const ART9_CONDITIONS: Record<string, { article: string; label: string; needsSchedule1: boolean }> = {
  explicit_consent: { article: 'Art 9(2)(a)', label: 'Explicit consent', needsSchedule1: false },
  employment_social_security: { article: 'Art 9(2)(b)', label: 'Employment, social security and social protection law', needsSchedule1: true },
  vital_interests: { article: 'Art 9(2)(c)', label: 'Vital interests', needsSchedule1: false },
  not_for_profit: { article: 'Art 9(2)(d)', label: 'Not-for-profit bodies', needsSchedule1: false },
  made_public: { article: 'Art 9(2)(e)', label: 'Made public by the person', needsSchedule1: false },
  legal_claims: { article: 'Art 9(2)(f)', label: 'Legal claims or judicial acts', needsSchedule1: false },
  substantial_public_interest: { article: 'Art 9(2)(g)', label: 'Reasons of substantial public interest', needsSchedule1: true },
  health_social_care: { article: 'Art 9(2)(h)', label: 'Health or social care', needsSchedule1: true },
  public_health: { article: 'Art 9(2)(i)', label: 'Public health', needsSchedule1: true },
  archiving_research_statistics: { article: 'Art 9(2)(j)', label: 'Archiving, research and statistics', needsSchedule1: true },
};
