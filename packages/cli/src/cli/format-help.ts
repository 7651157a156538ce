import type { Command } from './command.js';

/** The help text of one command, generated from its option table so it cannot drift from the code. */
export function formatHelp(cmd: Command): string {
  const lines = [`Usage: pledge ${cmd.name} ${cmd.usage}`, '', cmd.summary];
  if (cmd.details) lines.push('', cmd.details.trim());
  const entries = Object.entries(cmd.options);
  if (entries.length) {
    lines.push('', 'Options:');
    const left = entries.map(([name, o]) => `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`);
    const width = Math.max(...left.map((l) => l.length), 20) + 2;
    entries.forEach(([, o], i) => {
      let text = o.description;
      if (o.choices) text += ` One of: ${o.choices.join(', ')}.`;
      if (o.default !== undefined && o.default !== false) text += ` Default: ${String(o.default)}.`;
      lines.push(`  ${left[i]!.padEnd(width)}${text}`);
    });
  }
  lines.push(`  ${'-h, --help'.padEnd(Math.max(22, 0))}Show this help.`);
  return lines.join('\n') + '\n';
}
