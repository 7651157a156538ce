import type { CoverageReport } from './coverage-report.js';

/** True when no item that applies is missing. */
export function coverageComplete(report: CoverageReport): boolean {
  return report.items.every((i) => i.status !== 'missing');
}
