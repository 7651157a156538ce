import type { Block } from '../render/notice-model.js';

/**
 * What a reply to a subject access request must contain besides the copy of the data: UK GDPR Art 15(1)(a)-(h),
 * 15(2) (transfer safeguards), 15(3) (the copy), and 15(1A) (DUAA 2025: a reasonable and proportionate search).
 * UK-RULES.md section 1, "An access reply includes ...". ICO, "Right of access", "What other information are we
 * entitled to?".
 */
export type Art15Item = 'art15-1-a' | 'art15-1-b' | 'art15-1-c' | 'art15-1-d' | 'art15-1-e' | 'art15-1-f' | 'art15-1-g' | 'art15-1-h' | 'art15-2' | 'art15-3' | 'art15-1a';

export const ART15_ITEMS: Readonly<Record<Art15Item, { article: string; label: string }>> = {
  'art15-1-a': { article: 'UK GDPR Art 15(1)(a)', label: 'the purposes of the processing' },
  'art15-1-b': { article: 'UK GDPR Art 15(1)(b)', label: 'the categories of personal data concerned' },
  'art15-1-c': { article: 'UK GDPR Art 15(1)(c)', label: 'the recipients or categories of recipients, in particular abroad' },
  'art15-1-d': { article: 'UK GDPR Art 15(1)(d)', label: 'how long the data will be stored, or the criteria used to decide' },
  'art15-1-e': { article: 'UK GDPR Art 15(1)(e)', label: 'the rights to rectification, erasure, restriction and objection' },
  'art15-1-f': { article: 'UK GDPR Art 15(1)(f)', label: 'the right to complain to the Information Commissioner' },
  'art15-1-g': { article: 'UK GDPR Art 15(1)(g)', label: 'where the data was not collected from the person, its source' },
  'art15-1-h': { article: 'UK GDPR Art 15(1)(h)', label: 'automated decision-making, including profiling' },
  'art15-2': { article: 'UK GDPR Art 15(2)', label: 'the safeguards for transfers outside the UK' },
  'art15-3': { article: 'UK GDPR Art 15(3)', label: 'a copy of the personal data' },
  'art15-1a': { article: 'UK GDPR Art 15(1A)', label: 'the search made: reasonable and proportionate' },
};

/** The items every access report states (each in its own section, even when the answer is "none"). */
export const REQUIRED_ART15_ITEMS: readonly Art15Item[] = ['art15-1-a', 'art15-1-b', 'art15-1-c', 'art15-1-d', 'art15-1-e', 'art15-1-f', 'art15-1-g', 'art15-1-h', 'art15-2', 'art15-3'];

export interface AccessReportSection {
  /** Stable identifier, an HTML id. */
  id: string;
  heading: string;
  blocks: readonly Block[];
  /** The Art 15 items this section answers. */
  cites: readonly Art15Item[];
}

/** A place where the organisation looked for the person's data, and what the reply includes from it. */
export interface SearchedSystem {
  id: string;
  name: string;
  description?: string;
  /** Names of the files in the package that hold this system's data ("crm.json", "crm.csv"). */
  files?: readonly string[];
  /** Number of records found, when known. */
  records?: number;
}

export type ReplyRequestType = 'access' | 'portability';

/** The format-neutral access report: what the HTML and text renderers draw from. Strings are plain text; renderers escape. */
export interface AccessReport {
  requestType: ReplyRequestType;
  title: string;
  language: string;
  organisation: string;
  /** The request's reference, as the person knows it. */
  reference?: string;
  /** YYYY-MM-DD. */
  receivedAt: string;
  /** YYYY-MM-DD: the date the reply was prepared. */
  preparedAt: string;
  /** The declaration version the information is taken from. */
  declarationVersion?: { version: number; publishedAt: string };
  intro: readonly Block[];
  sections: readonly AccessReportSection[];
}
