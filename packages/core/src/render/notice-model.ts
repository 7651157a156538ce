/**
 * The format-neutral notice: what the HTML, Markdown and text renderers all draw from.
 * Every string in it is plain text as written in the declaration (or by Pledge); renderers escape it.
 */

/** The items a privacy notice must contain (UK-RULES.md section 3: UK GDPR Arts 13, 14 and 21(4)). */
export type CoverageItemId =
  | 'art13-1-a'
  | 'art13-1-b'
  | 'art13-1-c'
  | 'art13-1-d'
  | 'art13-1-e'
  | 'art13-1-f'
  | 'art13-2-a'
  | 'art13-2-b'
  | 'art13-2-c'
  | 'art13-2-d'
  | 'art13-2-e'
  | 'art13-2-f'
  | 'art14-1-d'
  | 'art14-2-f'
  | 'art21-4';

/** A run of inline text, optionally a link or emphasised. `href` is checked by the renderers (see safeHref). */
export interface Span {
  text: string;
  href?: string;
  strong?: boolean;
}

/** Inline content: a plain string, or a sequence of spans. */
export type Inline = string | readonly Span[];

export interface ParagraphBlock {
  type: 'paragraph';
  text: Inline;
}

export interface SubheadingBlock {
  type: 'subheading';
  text: Inline;
}

export interface ListBlock {
  type: 'list';
  items: readonly Inline[];
}

export interface TableBlock {
  type: 'table';
  caption: string;
  columns: readonly string[];
  /** Each row has one cell per column; the first cell names the row. */
  rows: readonly (readonly Inline[])[];
}

export interface DefinitionsBlock {
  type: 'definitions';
  items: readonly { term: Inline; details: readonly Inline[] }[];
}

/** A block shown with emphasis (a box in HTML), e.g. the right to object (Art 21(4)). */
export interface CalloutBlock {
  type: 'callout';
  blocks: readonly Exclude<Block, CalloutBlock>[];
}

export type Block = ParagraphBlock | SubheadingBlock | ListBlock | TableBlock | DefinitionsBlock | CalloutBlock;

export interface NoticeSection {
  /** Stable identifier, usable as an HTML id and anchor: "who-we-are", "your-rights". */
  id: string;
  heading: string;
  blocks: readonly Block[];
  /** The Art 13/14 items this section tells the reader. */
  covers: readonly CoverageItemId[];
}

export interface NoticeModel {
  variant: 'full' | 'short';
  title: string;
  /** BCP 47 language tag, from notice.language. */
  language: string;
  organisation: string;
  /** notice.last_updated, YYYY-MM-DD. */
  lastUpdated?: string;
  /** The subject group this notice is for, when built for one audience. */
  audience?: { id: string; name: string };
  /** Opening paragraphs under the title. */
  intro: readonly Block[];
  sections: readonly NoticeSection[];
  /** For the short notice: where the full notice is. */
  fullNoticeUrl?: string;
}
