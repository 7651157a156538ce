import type { CoverageReport } from './coverage-report.js';
import { wrapText } from './wrap-text.js';

const LABEL = { present: 'present', missing: 'MISSING', not_applicable: 'n/a' } as const;

/** The coverage report as text for the command line, one item per line with its reason beneath. */
export function formatCoverage(report: CoverageReport, width = 100): string {
  const lines = [`Notice coverage (UK GDPR Arts 13, 14 and 21(4)) for ${report.audience ? `audience "${report.audience}"` : 'everyone'}:`, ''];
  for (const i of report.items) {
    lines.push(`  ${LABEL[i.status].padEnd(8)} ${i.id.padEnd(10)} ${i.title} (${i.article})`);
    if (i.status !== 'present') lines.push(wrapText(i.reason, width, ' '.repeat(22)));
  }
  const count = (s: keyof typeof LABEL) => report.items.filter((i) => i.status === s).length;
  const missing = count('missing');
  lines.push('', `${count('present')} present, ${missing} missing, ${count('not_applicable')} not applicable.${missing ? '' : ' The notice covers every item that applies.'}`);
  return `${lines.join('\n')}\n`;
}
