import { parseArgs } from 'node:util';
import { COMMANDS } from './commands.js';
import { UsageError, type CliIo, type Command } from './command.js';
import { formatHelp } from './format-help.js';
import { VERSION } from './version.js';

const mainHelp = (): string =>
  [
    'pledge: privacy operations as code. Declare your processing once; check it, render the notice, export the record.',
    '',
    'Usage: pledge COMMAND [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`),
    '',
    'Run "pledge COMMAND --help" for a command\'s options.',
    'Options: -h, --help  show this help;  -v, --version  print the version.',
    '',
    'Exit status: 0 success, 1 findings at error level, 2 unusable input or wrong usage.',
  ].join('\n') + '\n';

function parse(cmd: Command, argv: string[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(cmd.options)) options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  for (const [name, o] of Object.entries(cmd.options)) {
    if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
    const v = values[name];
    if (o.choices && typeof v === 'string' && !o.choices.includes(v)) throw new UsageError(`--${name} must be one of: ${o.choices.join(', ')} (got "${v}").`);
  }
  return { positionals: parsed.positionals, values };
}

/** Runs `pledge` with the given arguments (without node and script) and returns the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    if (name === 'help' && rest[0] && COMMANDS[rest[0]]) {
      io.stdout(formatHelp(await COMMANDS[rest[0]]!.load()));
      return 0;
    }
    io.stdout(mainHelp());
    return name ? 0 : 2;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`pledge ${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const { suggest } = await import('@pledge/core');
    const near = suggest(name, Object.keys(COMMANDS));
    io.stderr(`pledge: unknown command "${name}".${near ? ` Did you mean "pledge ${near}"?` : ''} Run "pledge --help" for the list.\n`);
    return 2;
  }
  const cmd = await entry.load();
  try {
    const { positionals, values } = parse(cmd, rest);
    if (values.help) {
      io.stdout(formatHelp(cmd));
      return 0;
    }
    const [min, max] = cmd.positionals;
    if (positionals.length < min) throw new UsageError(`missing argument: pledge ${cmd.name} ${cmd.usage}`);
    if (positionals.length > max) throw new UsageError(`too many arguments: ${positionals.slice(max).join(' ')}`);
    return await cmd.run(positionals, values, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pledge ${cmd.name}: ${e.message}\nUsage: pledge ${cmd.name} ${cmd.usage}  (see pledge ${cmd.name} --help)\n`);
      return 2;
    }
    throw e;
  }
}
