import { writeFileSync } from 'node:fs';
import { lintDeclaration, summariseFindings } from '@pledge/core';
import type { Command } from '../cli/command.js';
import { formatFindings, type ReportFormat } from './load-or-report.js';
import { loadDeclarationFile } from '../load-declaration-file.js';

export const check: Command = {
  name: 'check',
  usage: 'PATH [options]',
  summary: 'Check a declaration (a file, or a folder with pledge.yaml) against UK GDPR, PECR and the DPA 2018.',
  details: `
Each finding names the rule, its severity, the article it enforces, and file:line:column with the offending line.
Run "pledge explain RULE" for what a rule requires and how to comply.

Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 the declaration could not be read or does not match the schema.

Examples:
  pledge check pledge.yaml
  pledge check declarations/ --format sarif --output pledge.sarif   # for GitHub code scanning`,
  positionals: [1, 1],
  options: {
    format: { type: 'string', short: 'f', value: 'FORMAT', choices: ['text', 'json', 'sarif'], default: 'text', description: 'Report format.' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write the report to FILE instead of standard output.' },
    'errors-only': { type: 'boolean', description: 'Show only findings at error level.' },
  },
  async run([path], values, io) {
    const format = values.format as ReportFormat;
    const loaded = loadDeclarationFile(path!);
    const usable = loaded.declaration !== undefined && loaded.findings.length === 0;
    let findings = usable ? lintDeclaration(loaded.declaration!, { sourceMap: loaded.sourceMap }) : loaded.findings;
    if (values['errors-only']) findings = findings.filter((f) => f.severity === 'error');
    const report = formatFindings(findings, format, io);
    if (typeof values.output === 'string') {
      writeFileSync(values.output, report);
      const s = summariseFindings(findings);
      io.stderr(`Wrote ${values.output}: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} info.\n`);
    } else io.stdout(report);
    if (!usable) return 2;
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
