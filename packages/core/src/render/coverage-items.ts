import type { CoverageItemId } from './notice-model.js';

/** The content a privacy notice must have (UK GDPR Arts 13, 14, 21(4); UK-RULES.md section 3), in checklist order. */
export const COVERAGE_ITEMS: readonly { id: CoverageItemId; article: string; title: string }[] = [
  { id: 'art13-1-a', article: 'UK GDPR Art 13(1)(a), 14(1)(a)', title: 'Identity and contact details of the controller (and representative)' },
  { id: 'art13-1-b', article: 'UK GDPR Art 13(1)(b), 14(1)(b)', title: 'Contact details of the data protection officer' },
  { id: 'art13-1-c', article: 'UK GDPR Art 13(1)(c), 14(1)(c)', title: 'Purposes of processing and the lawful basis for each' },
  { id: 'art13-1-d', article: 'UK GDPR Art 13(1)(d), 14(2)(b)', title: 'The legitimate interests pursued' },
  { id: 'art13-1-e', article: 'UK GDPR Art 13(1)(e), 14(1)(e)', title: 'Recipients or categories of recipients' },
  { id: 'art13-1-f', article: 'UK GDPR Art 13(1)(f), 14(1)(f)', title: 'Transfers abroad: adequacy or the safeguard, and how to get a copy' },
  { id: 'art13-2-a', article: 'UK GDPR Art 13(2)(a), 14(2)(a)', title: 'How long the data is kept, or the criteria used to decide' },
  { id: 'art13-2-b', article: 'UK GDPR Art 13(2)(b), 14(2)(c)', title: 'The rights of access, rectification, erasure, restriction, objection and portability' },
  { id: 'art13-2-c', article: 'UK GDPR Art 13(2)(c), 14(2)(d)', title: 'The right to withdraw consent at any time' },
  { id: 'art13-2-d', article: 'UK GDPR Art 13(2)(d), 14(2)(e)', title: 'The right to complain to the ICO' },
  { id: 'art13-2-e', article: 'UK GDPR Art 13(2)(e)', title: 'Whether giving the data is required, and the consequences of not giving it' },
  { id: 'art13-2-f', article: 'UK GDPR Art 13(2)(f), 14(2)(g)', title: 'Automated decision-making: the logic, significance and consequences' },
  { id: 'art14-1-d', article: 'UK GDPR Art 14(1)(d)', title: 'The categories of personal data (data not collected from the person)' },
  { id: 'art14-2-f', article: 'UK GDPR Art 14(2)(f)', title: 'The source of the data, and whether it is publicly accessible' },
  { id: 'art21-4', article: 'UK GDPR Art 21(4)', title: 'The right to object, presented clearly and separately' },
];
