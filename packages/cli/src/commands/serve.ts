import type { Command } from '../cli/command.js';

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
    role: { type: 'string', value: 'ROLES', description: 'Comma-separated roles: web, worker, scheduler.' },
    host: { type: 'string', value: 'HOST', description: 'Address to listen on.' },
    port: { type: 'string', short: 'p', value: 'PORT', description: 'Port to listen on.' },
    'data-dir': { type: 'string', value: 'DIR', description: 'Folder for the embedded database, outbox and generated secrets.' },
    'database-url': { type: 'string', value: 'URL', description: 'PostgreSQL connection URL (prefer the DATABASE_URL variable: flags show in process lists).' },
    'public-url': { type: 'string', value: 'URL', description: 'Address people reach Pledge at.' },
    'log-level': { type: 'string', value: 'LEVEL', description: 'fatal, error, warn, info, debug or trace.' },
    declaration: { type: 'string', value: 'PATH', description: 'Publish this declaration at start when it differs from the current version.' },
    settings: { type: 'boolean', description: 'List every setting with its variable, flag and default, then exit.' },
  },
  async run(_p, values, io) {
    const server = await import('@pledge/server');
    if (values.settings) {
      for (const s of server.SETTINGS) io.stdout(`${s.env.padEnd(24)} ${s.flag.padEnd(20)} default ${s.default}\n    ${s.description}\n`);
      return 0;
    }
    const flags: Record<string, unknown> = {
      roles: values.role,
      host: values.host,
      port: values.port,
      dataDir: values['data-dir'],
      databaseUrl: values['database-url'],
      publicUrl: values['public-url'],
      logLevel: values['log-level'],
      declaration: values.declaration,
    };
    let config;
    try {
      config = server.loadConfig({ env: io.env, flags, ...(typeof values.config === 'string' ? { file: values.config } : {}) });
    } catch (e) {
      io.stderr(`pledge serve: ${(e as Error).message}\n`);
      return 2;
    }
    const running = await server.startService(config);
    io.stdout(`Pledge is running${running.address ? ` at ${running.address}` : ''} (roles: ${config.roles.join(', ')}; store: ${running.deps.store.kind}).\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.stdout('Stopping: finishing requests and jobs in flight...\n');
        void running.stop().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
