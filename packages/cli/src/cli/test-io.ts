import type { CliIo } from './command.js';

/** An in-memory CliIo for tests: collects what a command prints. */
export function testIo(answers: string[] = []): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    env: {} as Record<string, string | undefined>,
    stdout(s: string) {
      io.out += s;
    },
    stderr(s: string) {
      io.err += s;
    },
    prompt: answers.length ? async () => answers.shift() ?? '' : undefined,
  };
  return io;
}
