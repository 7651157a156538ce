import { checkCoverage, coverageComplete, formatCoverage } from '@pledge/core';
import { UsageError, type Command } from '../cli/command.js';
import { loadOrReport } from './load-or-report.js';

export const coverage: Command = {
  name: 'coverage',
  usage: 'PATH [options]',
  summary: 'Check that the rendered notice contains every item UK GDPR Arts 13 and 14 require, for everyone or for each audience.',
  details: `
For each item: present, missing (with what to add to the declaration), or not applicable (with why).
Exit status: 0 nothing missing, 1 something missing, 2 unusable declaration.`,
  positionals: [1, 1],
  options: {
    audience: { type: 'string', short: 'a', value: 'SUBJECT_ID', description: 'Check the notice for one subject group.' },
    'each-audience': { type: 'boolean', description: 'Check the notice of every subject group in turn.' },
    format: { type: 'string', short: 'f', value: 'FORMAT', choices: ['text', 'json'], default: 'text', description: 'Output format.' },
  },
  async run([path], values, io) {
    const loaded = loadOrReport(path!, io);
    if (!loaded) return 2;
    const audiences: (string | undefined)[] = values['each-audience'] ? loaded.declaration.subjects.map((s) => s.id) : [values.audience as string | undefined];
    const reports = [];
    for (const audience of audiences) {
      try {
        reports.push(checkCoverage(loaded.declaration, { audience }));
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    if (values.format === 'json') io.stdout(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n');
    else io.stdout(reports.map((r) => formatCoverage(r)).join('\n'));
    return reports.every((r) => coverageComplete(r)) ? 0 : 1;
  },
};
