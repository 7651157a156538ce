import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lintDeclaration, parseDeclaration, scaffoldDeclaration, summariseFindings } from '@pledge/core';
import { UsageError, type Command } from '../cli/command.js';
import { schemaText } from './schema.js';

const USES = ['website', 'customers', 'marketing', 'recruitment', 'analytics_cookies'] as const;
type Use = (typeof USES)[number];

const questions: { flag: string; question: string; required: boolean }[] = [
  { flag: 'legal-name', question: 'Legal name of the organisation (as registered): ', required: true },
  { flag: 'company-number', question: 'Company number (leave empty if none): ', required: false },
  { flag: 'address', question: 'Registered or postal address: ', required: true },
  { flag: 'email', question: 'Email address for privacy questions and requests: ', required: true },
  { flag: 'ico', question: 'ICO registration number (e.g. ZA123456): ', required: true },
  { flag: 'website', question: 'Website address (leave empty if none): ', required: false },
];

export const init: Command = {
  name: 'init',
  usage: '[options]',
  summary: 'Write a new declaration, ready to edit, that passes "pledge check", plus the JSON Schema beside it for your editor.',
  details: `
Missing answers are asked for when run in a terminal; otherwise give them as flags.

Example:
  pledge init --legal-name "Acme Widgets Ltd" --address "1 High St, Leeds LS1 1AA" \\
    --email privacy@acme.example --ico ZA123456 --uses website,customers,marketing`,
  positionals: [0, 0],
  options: {
    'legal-name': { type: 'string', value: 'NAME', description: 'Legal name of the organisation.' },
    'company-number': { type: 'string', value: 'NUMBER', description: 'Companies House number.' },
    address: { type: 'string', value: 'ADDRESS', description: 'Registered or postal address.' },
    email: { type: 'string', value: 'EMAIL', description: 'Contact email for privacy matters.' },
    ico: { type: 'string', value: 'NUMBER', description: 'ICO registration number.' },
    website: { type: 'string', value: 'URL', description: 'Website address.' },
    region: { type: 'string', value: 'REGION', choices: ['england-and-wales', 'scotland', 'northern-ireland'], default: 'england-and-wales', description: 'Whose public holidays count for deadlines.' },
    uses: { type: 'string', value: 'LIST', description: `Comma-separated processing to start from: ${USES.join(', ')}.`, default: 'website,customers' },
    out: { type: 'string', short: 'o', value: 'FILE', default: 'pledge.yaml', description: 'Where to write the declaration.' },
    force: { type: 'boolean', description: 'Overwrite FILE if it exists.' },
  },
  async run(_p, values, io) {
    const answers: Record<string, string | undefined> = {};
    for (const q of questions) {
      let v = values[q.flag] as string | undefined;
      if (v === undefined && io.prompt) v = (await io.prompt(q.question)).trim() || undefined;
      if (v === undefined && q.required) throw new UsageError(`--${q.flag} is required (or run in a terminal to be asked).`);
      answers[q.flag] = v;
    }
    const uses = String(values.uses)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = uses.filter((u) => !(USES as readonly string[]).includes(u));
    if (unknown.length) throw new UsageError(`unknown --uses value ${unknown.map((u) => `"${u}"`).join(', ')}: choose from ${USES.join(', ')}.`);
    const out = values.out as string;
    if (existsSync(out) && !values.force) throw new UsageError(`${out} already exists: choose another --out or add --force.`);
    const yaml = scaffoldDeclaration({
      legalName: answers['legal-name']!,
      companyNumber: answers['company-number'],
      address: answers.address!,
      email: answers.email!,
      icoRegistration: answers.ico!,
      website: answers.website,
      region: values.region as 'england-and-wales' | 'scotland' | 'northern-ireland',
      uses: uses as Use[],
    });
    writeFileSync(out, yaml);
    const schemaPath = join(dirname(out), 'pledge-declaration.schema.json');
    if (!existsSync(schemaPath) || values.force) writeFileSync(schemaPath, schemaText());
    const parsed = parseDeclaration(yaml, out);
    const s = parsed.declaration ? summariseFindings(lintDeclaration(parsed.declaration)) : { errors: parsed.findings.length, warnings: 0 };
    io.stdout(`Wrote ${out} and ${schemaPath}.\nCheck: ${s.errors} errors, ${s.warnings} warnings. Next: edit ${out}, then run "pledge check ${out}" and "pledge render ${out} --out privacy.html".\n`);
    return s.errors > 0 ? 1 : 0;
  },
};
