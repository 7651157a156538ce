import { SETTINGS, type ServiceConfig } from '@pledge/server/settings';
import type { Command, OptionSpec } from '../cli/command.js';

const isBoolean = (s: (typeof SETTINGS)[number]) => s.default === 'true' || s.default === 'false';

/** One flag per setting, generated from the settings table so the flags, the docs and the parser cannot disagree. */
const settingOptions: Record<string, OptionSpec> = Object.fromEntries(
  SETTINGS.map((s) => [
    s.flag.replace(/^--/, ''),
    {
      type: isBoolean(s) ? 'boolean' : 'string',
      ...(isBoolean(s) ? {} : { value: s.flag.replace(/^--/, '').toUpperCase().replace(/-/g, '_') }),
      description: `${s.description}${s.secret ? ' Prefer the environment variable: flags show in process lists.' : ''} (${s.env})`,
    } satisfies OptionSpec,
  ]),
);

export const serve: Command = {
  name: 'serve',
  usage: '[options]',
  summary: 'Run the Pledge service: web, worker and scheduler roles (all by default), on the embedded database or PostgreSQL.',
  details: `
Settings come from, in rising precedence: defaults, a JSON file (--config or PLEDGE_CONFIG), environment variables,
then flags. Every setting, its variable and default: docs/configuration.md, or "pledge serve --settings".

Examples:
  pledge serve                                   # embedded database in ./data, all roles, http://127.0.0.1:8080
  DATABASE_URL=postgres://... pledge serve --role web --port 8081
  DATABASE_URL=postgres://... pledge serve --role worker`,
  positionals: [0, 0],
  options: {
    config: { type: 'string', short: 'c', value: 'FILE', description: 'A JSON file of settings.' },
    ...settingOptions,
    settings: { type: 'boolean', description: 'List every setting with its variable, flag and default, then exit.' },
  },
  async run(_p, values, io) {
    if (values.settings) {
      for (const s of SETTINGS) io.stdout(`${s.env.padEnd(24)} ${s.flag.padEnd(20)} default ${s.default}\n    ${s.description}\n`);
      return 0;
    }
    const flags: Partial<Record<keyof ServiceConfig, unknown>> = {};
    for (const s of SETTINGS) {
      const v = values[s.flag.replace(/^--/, '')];
      if (v !== undefined) flags[s.key] = v;
    }
    const server = await import('@pledge/server');
    let config;
    try {
      config = server.loadConfig({ env: io.env, flags, ...(typeof values.config === 'string' ? { file: values.config } : {}) });
    } catch (e) {
      io.stderr(`pledge serve: ${(e as Error).message}\n`);
      return 2;
    }
    // Listen for signals before starting, so a stop request during start-up is not lost.
    let stopRequested = false;
    let running: Awaited<ReturnType<typeof server.startService>> | undefined;
    let wake: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (wake = resolve));
    const onSignal = () => {
      if (stopRequested) return;
      stopRequested = true;
      io.stdout('Stopping: finishing requests and jobs in flight...\n');
      if (running) void running.stop().then(wake);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      running = await server.startService(config);
    } catch (e) {
      io.stderr(`pledge serve: could not start: ${(e as Error).message}\n`);
      return 1;
    }
    if (stopRequested) await running.stop().then(wake);
    else {
      const base = config.publicUrl.replace(/\/+$/, '');
      const lines = [`Pledge is running${running.address ? ` at ${running.address}` : ''} (roles: ${config.roles.join(', ')}; store: ${running.deps.store.kind}).`];
      if (running.address) lines.push(`  Privacy notice:  ${base}/privacy`, `  Staff sign-in:   ${base}/signin`, `  API reference:   ${base}/docs`);
      lines.push(...running.deps.announcements, 'Stop with Ctrl+C.');
      io.stdout(lines.join('\n') + '\n');
    }
    await stopped;
    return 0;
  },
};
