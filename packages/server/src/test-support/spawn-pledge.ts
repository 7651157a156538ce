import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built `pledge` binary (process tests run what users run: `npx tsc -b` first). */
export const PLEDGE_BIN = fileURLToPath(new URL('../../../cli/bin/pledge.js', import.meta.url));
/** The built server package, for child scripts. */
export const SERVER_DIST = new URL('../../dist/index.js', import.meta.url).href;

export function assertBuilt(): void {
  if (!existsSync(fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url))) || !existsSync(fileURLToPath(SERVER_DIST))) {
    throw new Error('Process tests run the built CLI: run `npx tsc -b` (or `npm test`, which builds) first.');
  }
}

export interface Child {
  process: ChildProcess;
  pid: number;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves when a line matching `pattern` has been printed; rejects if the process exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<Child>();

/** Spawns `node` with `args`, tracked so `killAll` can end it whatever a test did. */
export function spawnNode(args: string[], env: Record<string, string | undefined> = {}): Child {
  const proc = spawn(process.execPath, args, { env: { ...process.env, CI: process.env.CI, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      const m = w.pattern.exec(out);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const child: Child = {
    process: proc,
    pid: proc.pid!,
    output: () => out,
    exited,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const m = pattern.exec(out);
        if (m) return resolve(m);
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${pattern} from pid ${proc.pid}. Output:\n${out.slice(-3000)}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: (x) => {
            clearTimeout(timer);
            resolve(x);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`pid ${proc.pid} exited (${code ?? signal}) before printing ${pattern}. Output:\n${out.slice(-3000)}`));
        });
      }),
  };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** Starts `pledge serve ARGS` and waits until it says it is running; `address` is set when it serves HTTP. */
export async function startPledge(args: string[], env: Record<string, string | undefined> = {}): Promise<Child & { address?: string }> {
  const child = spawnNode([PLEDGE_BIN, 'serve', '--port', '0', '--log-level', 'info', ...args], env);
  const m = await child.waitFor(/Pledge is running(?: at (http:\/\/[^\s]+))? \(/, 60_000);
  // The CLI installs its SIGTERM handler just after printing that line: let it get there before a test signals it.
  if (m[1]) await fetch(`${m[1]}/health/live`);
  else await new Promise((r) => setTimeout(r, 100));
  return Object.assign(child, m[1] ? { address: m[1] } : {});
}

/** SIGKILLs every child still running (by its own pid) and waits for each to exit. */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...children].map(async (c) => {
      if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
      await c.exited;
    }),
  );
}

/** Environment for a child: no inherited Pledge or database settings except those given. */
export function cleanEnv(extra: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const k of Object.keys(process.env)) if (k.startsWith('PLEDGE_') || k === 'DATABASE_URL') env[k] = undefined;
  return { ...env, ...extra };
}
