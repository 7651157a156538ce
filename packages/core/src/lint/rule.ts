import type { Declaration } from '../declaration/schema/declaration.js';
import type { DeclarationPath, Severity } from '../declaration/finding.js';
import type { DeclarationIndex } from './declaration-index.js';

/** What a rule reports: where, and what is wrong with how to fix it. */
export interface RuleReport {
  path: DeclarationPath;
  message: string;
  /** Overrides the rule's default severity for this report (e.g. a softer case of the same rule). */
  severity?: Severity;
}

export interface RuleContext {
  declaration: Declaration;
  index: DeclarationIndex;
}

/** A check of the declaration against the law or ICO guidance. Pure: no I/O. */
export interface Rule {
  /** Stable id, kebab-case; never reused for another meaning. */
  id: string;
  severity: Severity;
  /** One line: what the rule requires. */
  title: string;
  /** The article, regulation or guidance it enforces. */
  citation: string;
  /** Longer documentation for `pledge explain`: why it matters and how to comply. */
  description: string;
  /** A short YAML example that passes the rule. */
  example?: string;
  check(ctx: RuleContext): RuleReport[];
}
