import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildRopa } from '@pledge/core';
import { UsageError, type Command } from '../cli/command.js';
import { loadOrReport } from './load-or-report.js';

export const ropa: Command = {
  name: 'ropa',
  usage: 'PATH [options]',
  summary: 'Export the record of processing activities (UK GDPR Art 30) with the ICO template\'s columns.',
  details: `
CSV gives one record (controller or processor); the spreadsheet holds both on separate sheets.

Examples:
  pledge ropa pledge.yaml --format xlsx --out record-of-processing.xlsx
  pledge ropa pledge.yaml --kind processor > processor-record.csv`,
  positionals: [1, 1],
  options: {
    format: { type: 'string', short: 'f', value: 'FORMAT', choices: ['csv', 'xlsx'], default: 'csv', description: 'Output format.' },
    kind: { type: 'string', short: 'k', value: 'KIND', choices: ['controller', 'processor'], default: 'controller', description: 'Which Art 30 record, for CSV: Art 30(1) controller or Art 30(2) processor.' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE instead of standard output (required for xlsx on a terminal).' },
  },
  async run([path], values, io) {
    const loaded = loadOrReport(path!, io);
    if (!loaded) return 2;
    const record = buildRopa(loaded.declaration);
    const { ropaToCsv, ropaToXlsx } = await import('@pledge/server/ropa-export');
    const out = values.out as string | undefined;
    if (values.format === 'xlsx') {
      if (!out && io.isTTY) throw new UsageError('a spreadsheet is binary: give --out FILE.xlsx (or redirect standard output).');
      const date = loaded.declaration.notice.last_updated;
      const buffer = await ropaToXlsx(record, { source: basename(path!), ...(date ? { date: new Date(`${date}T00:00:00Z`) } : {}) });
      if (out) {
        writeFileSync(out, buffer);
        io.stderr(`Wrote ${out}: ${record.controller.rows.length} controller and ${record.processor.rows.length} processor activities.\n`);
      } else process.stdout.write(buffer);
      return 0;
    }
    const csv = ropaToCsv(record, values.kind as 'controller' | 'processor');
    if (out) {
      writeFileSync(out, csv);
      io.stderr(`Wrote ${out}.\n`);
    } else io.stdout(csv);
    return 0;
  },
};
