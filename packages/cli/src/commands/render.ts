import { writeFileSync } from 'node:fs';
import { lintDeclaration, renderNotice, summariseFindings } from '@pledge/core';
import { UsageError, type Command } from '../cli/command.js';
import { loadOrReport } from './load-or-report.js';

export const render: Command = {
  name: 'render',
  usage: 'PATH [options]',
  summary: 'Render the privacy notice from a declaration: HTML, Markdown or plain text; full or short; for everyone or one audience.',
  details: `
The output is deterministic: the same declaration gives the same bytes. Every string from the declaration is escaped.
A declaration with errors still renders (to preview a draft), with a warning on standard error.

Examples:
  pledge render pledge.yaml --out privacy.html
  pledge render pledge.yaml --format markdown --audience job_applicants
  pledge render pledge.yaml --short --full-url https://example.com/privacy`,
  positionals: [1, 1],
  options: {
    format: { type: 'string', short: 'f', value: 'FORMAT', choices: ['html', 'markdown', 'text'], default: 'html', description: 'Output format.' },
    audience: { type: 'string', short: 'a', value: 'SUBJECT_ID', description: 'Render only what concerns this subject group (an id from subjects).' },
    short: { type: 'boolean', description: 'Render the layered short notice, which links to the full one.' },
    'full-url': { type: 'string', value: 'URL', description: 'Address of the full notice, for the short notice\'s link. Default: notice.url.' },
    fragment: { type: 'boolean', description: 'HTML only: output a fragment to embed in a page, without <html> and styles.' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE instead of standard output.' },
  },
  async run([path], values, io) {
    const loaded = loadOrReport(path!, io);
    if (!loaded) return 2;
    const errors = summariseFindings(lintDeclaration(loaded.declaration)).errors;
    if (errors > 0) io.stderr(`warning: the declaration has ${errors} error${errors === 1 ? '' : 's'}; run "pledge check ${path}" before publishing this notice.\n`);
    let output: string;
    try {
      output = renderNotice(loaded.declaration, {
        format: values.format as 'html' | 'markdown' | 'text',
        audience: values.audience as string | undefined,
        variant: values.short ? 'short' : 'full',
        fullNoticeUrl: values['full-url'] as string | undefined,
        standalone: !values.fragment,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (typeof values.out === 'string') {
      writeFileSync(values.out, output);
      io.stderr(`Wrote ${values.out} (${Buffer.byteLength(output)} bytes).\n`);
    } else io.stdout(output);
    return 0;
  },
};
