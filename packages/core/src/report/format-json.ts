import type { Finding } from '../declaration/finding.js';
import { summariseFindings } from './summarise-findings.js';

/** Findings as a stable JSON document for tools: `{ summary, findings: [{ ruleId, severity, message, citation, path, location }] }`. */
export function formatJson(findings: readonly Finding[]): string {
  return (
    JSON.stringify(
      {
        summary: summariseFindings(findings),
        findings: findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          citation: f.citation ?? null,
          path: f.path.filter((p) => typeof p === 'number' || !p.startsWith('\u0002')).join('.'),
          location: f.location ?? null,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
