import { rules, suggest } from '@pledge/core';
import type { Command } from '../cli/command.js';

export const explain: Command = {
  name: 'explain',
  usage: 'RULE | --list',
  summary: 'Explain a check rule: what it requires, why, the article it enforces, and an example that passes.',
  positionals: [0, 1],
  options: {
    list: { type: 'boolean', short: 'l', description: 'List every rule with its severity and citation.' },
    format: { type: 'string', value: 'FORMAT', choices: ['text', 'json'], default: 'text', description: 'Output format.' },
  },
  async run([id], values, io) {
    if (values.list || !id) {
      if (values.format === 'json') {
        io.stdout(JSON.stringify(rules.map(({ check: _c, ...r }) => r), null, 2) + '\n');
        return 0;
      }
      const width = Math.max(...rules.map((r) => r.id.length)) + 2;
      for (const r of rules) io.stdout(`${r.id.padEnd(width)}${r.severity.padEnd(9)}${r.title}  (${r.citation})\n`);
      io.stdout(`\n${rules.length} rules. Run "pledge explain RULE" for one rule's documentation.\n`);
      return 0;
    }
    const rule = rules.find((r) => r.id === id);
    if (!rule) {
      const near = suggest(id, rules.map((r) => r.id));
      io.stderr(`pledge explain: no rule "${id}".${near ? ` Did you mean "${near}"?` : ''} Run "pledge explain --list" for all rules.\n`);
      return 2;
    }
    if (values.format === 'json') {
      const { check: _c, ...doc } = rule;
      io.stdout(JSON.stringify(doc, null, 2) + '\n');
      return 0;
    }
    const lines = [`${rule.id} (${rule.severity})`, '', rule.title, '', `Enforces: ${rule.citation}`, '', rule.description];
    if (rule.example) lines.push('', 'Example that passes:', '', ...rule.example.split('\n').map((l) => `    ${l}`));
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
