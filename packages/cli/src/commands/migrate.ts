import type { Command } from '../cli/command.js';

export const migrate: Command = {
  name: 'migrate',
  usage: '[options]',
  summary: 'Bring the database schema up to date (the service also does this when it starts, under a lock).',
  positionals: [0, 0],
  options: {
    'data-dir': { type: 'string', value: 'DIR', description: 'Folder of the embedded database.' },
    'database-url': { type: 'string', value: 'URL', description: 'PostgreSQL connection URL (or set DATABASE_URL).' },
  },
  async run(_p, values, io) {
    const server = await import('@pledge/server');
    const config = server.loadConfig({ env: io.env, flags: { dataDir: values['data-dir'], databaseUrl: values['database-url'] } });
    const store = await server.openStore({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/db` });
    try {
      const applied = await server.migrateToLatest(store.db);
      io.stdout(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}.\n` : 'The schema is up to date.\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
