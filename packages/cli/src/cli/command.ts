/** What a command may touch: output streams, the working directory, the environment. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colours, prompts). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Reads a line from the user; undefined when input is not interactive. */
  prompt?: (question: string) => Promise<string>;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help, e.g. FORMAT. */
  value?: string;
  description: string;
  default?: string | boolean;
  /** Allowed values, checked before the command runs. */
  choices?: readonly string[];
  multiple?: boolean;
}

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** One `pledge` sub-command. Exit codes: 0 success, 1 findings at error level, 2 unusable input or usage. */
export interface Command {
  name: string;
  summary: string;
  /** Usage line after "pledge NAME", e.g. "PATH [options]". */
  usage: string;
  /** Longer help text; examples welcome. */
  details?: string;
  options: Record<string, OptionSpec>;
  /** Number of positional arguments: [min, max]. */
  positionals: [number, number];
  run(positionals: string[], values: ParsedValues, io: CliIo): Promise<number>;
}

/** A usage error: the message is shown with the command's usage, exit status 2. */
export class UsageError extends Error {}
