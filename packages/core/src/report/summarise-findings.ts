import type { Finding } from '../declaration/finding.js';

export interface FindingSummary {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts findings by severity. */
export function summariseFindings(findings: readonly Finding[]): FindingSummary {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}
