import { writeFileSync } from 'node:fs';
import { declarationJsonSchema } from '@pledge/core';
import type { Command } from '../cli/command.js';

/** The schema as checked in: stable key order and a trailing newline. */
export const schemaText = (): string => JSON.stringify(declarationJsonSchema(), null, 2) + '\n';

export const schema: Command = {
  name: 'schema',
  usage: '[options]',
  summary: 'Print the JSON Schema (draft 2020-12) of the declaration format, generated from the validating schemas.',
  details: `
Point your editor at it for completion and validation, e.g. with the first line of a declaration:
  # yaml-language-server: $schema=./pledge-declaration.schema.json`,
  positionals: [0, 0],
  options: {
    out: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE instead of standard output.' },
  },
  async run(_p, values, io) {
    const text = schemaText();
    if (typeof values.out === 'string') {
      writeFileSync(values.out, text);
      io.stderr(`Wrote ${values.out}.\n`);
    } else io.stdout(text);
    return 0;
  },
};
