import type { Finding, Severity } from '../declaration/finding.js';
import type { SourceMap } from '../declaration/source-map.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { DeclarationIndex } from './declaration-index.js';
import { rules as allRules } from './rules/index.js';
import type { Rule } from './rule.js';

export interface LintOptions {
  /** Rules to run; all of them by default. */
  rules?: readonly Rule[];
  /** Source positions, to give each finding file:line:column. */
  sourceMap?: SourceMap;
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Runs every check on a validated declaration and returns the findings, ordered by file position.
 * Pure: the same declaration always gives the same findings in the same order.
 */
export function lintDeclaration(declaration: Declaration, options: LintOptions = {}): Finding[] {
  const ctx = { declaration, index: new DeclarationIndex(declaration) };
  const findings: Finding[] = [];
  for (const rule of options.rules ?? allRules) {
    for (const report of rule.check(ctx)) {
      findings.push({
        ruleId: rule.id,
        severity: report.severity ?? rule.severity,
        message: report.message,
        path: report.path,
        citation: rule.citation,
        location: options.sourceMap?.locate(report.path),
      });
    }
  }
  return findings.sort(
    (a, b) =>
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      order[a.severity] - order[b.severity] ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
