import { createInterface } from 'node:readline/promises';
import { runCli } from './cli/run-cli.js';

/** Entry point of the `pledge` binary. */
async function main(): Promise<void> {
  const io = {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    prompt: process.stdin.isTTY
      ? async (q: string) => {
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          try {
            return await rl.question(q);
          } finally {
            rl.close();
          }
        }
      : undefined,
  };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (e) {
    // An unexpected failure is a bug in Pledge, not in the user's input: say so without a wall of stack.
    process.stderr.write(`pledge: internal error: ${(e as Error)?.message ?? String(e)}\nPlease report this with the command you ran. Set PLEDGE_DEBUG=1 for details.\n`);
    if (process.env.PLEDGE_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    process.exitCode = 70;
  }
}

await main();
