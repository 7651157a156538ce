import type { Finding } from '../declaration/finding.js';
import { summariseFindings } from './summarise-findings.js';

export interface TextReportOptions {
  /** Use ANSI colours. */
  color?: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Makes control characters visible so a hostile declaration cannot rewrite the terminal. */
const visible = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * A compiler-style report: `file:line:col  severity  message  [rule-id]`, the offending line with a caret,
 * and the article cited; then a one-line summary.
 */
export function formatText(findings: readonly Finding[], options: TextReportOptions = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  for (const f of findings) {
    const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.path.length ? f.path.join('.') : '(declaration)';
    const sev = f.severity === 'error' ? paint(color, '31;1', 'error') : f.severity === 'warning' ? paint(color, '33;1', 'warning') : paint(color, '36', 'info');
    out.push(`${paint(color, '1', where)}  ${sev}  ${visible(f.message)}  ${paint(color, '2', `[${f.ruleId}]`)}`);
    if (f.location?.lineText !== undefined && f.location.lineText !== '') {
      const gutter = String(f.location.line).padStart(5);
      const text = visible(f.location.lineText.replace(/\t/g, ' '));
      out.push(`${paint(color, '2', gutter + ' | ')}${text.length > 160 ? text.slice(0, 160) + '…' : text}`);
      const col = Math.max(1, Math.min(f.location.column, 161));
      const width = f.location.endLine === f.location.line ? Math.max(1, Math.min(f.location.endColumn - f.location.column, 160 - col + 1)) : 1;
      out.push(`${' '.repeat(5)}${paint(color, '2', ' | ')}${' '.repeat(col - 1)}${paint(color, f.severity === 'error' ? '31' : '33', '^'.repeat(width))}`);
    }
    if (f.citation) out.push(`${' '.repeat(8)}${paint(color, '2', `see ${f.citation}`)}`);
  }
  const s = summariseFindings(findings);
  if (findings.length === 0) out.push('No problems found.');
  else out.push(`${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info.`);
  return out.join('\n') + '\n';
}
