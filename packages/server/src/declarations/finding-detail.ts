import type { Finding } from '@pledge/core';

/** A finding as API clients receive it: located as file:line:col, with the rule and the article it enforces. */
export interface FindingDetail {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  /** "file:line:col", or null when the finding has no place in the source. */
  at: string | null;
  file: string | null;
  line: number | null;
  column: number | null;
  path: string;
  citation: string | null;
}

export function findingDetail(f: Finding): FindingDetail {
  const l = f.location;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    at: l ? `${l.file}:${l.line}:${l.column}` : null,
    file: l?.file ?? null,
    line: l?.line ?? null,
    column: l?.column ?? null,
    path: f.path.join('.'),
    citation: f.citation ?? null,
  };
}
