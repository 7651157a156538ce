/** A place in a declaration source file. Lines and columns count from 1. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The text of the first line of the span, for showing the offending line. */
  lineText: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A path into the declaration, as keys and list indexes: ['purposes', 2, 'lawful_bases']. */
export type DeclarationPath = readonly (string | number)[];

/** One problem found while loading or checking a declaration. */
export interface Finding {
  /** Stable rule id, e.g. "purpose-lawful-basis" or "yaml-syntax". */
  ruleId: string;
  severity: Severity;
  /** What is wrong and how to fix it, in one or two sentences. */
  message: string;
  /** Where in the declaration model it is. */
  path: DeclarationPath;
  /** Where in the source it is, when known. */
  location?: SourceLocation;
  /** The article or guidance the rule enforces. */
  citation?: string;
}
