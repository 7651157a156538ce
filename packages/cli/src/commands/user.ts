import { UsageError, type CliIo, type Command } from '../cli/command.js';

const ROLES = ['owner', 'privacy_officer', 'agent', 'auditor'] as const;

/** Tests hand the password in directly; a real run reads it from standard input. */
type UserIo = CliIo & { readStdin?: () => Promise<string> };

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export const user: Command = {
  name: 'user',
  usage: 'create --email EMAIL --name NAME --role ROLE [--password-stdin] [options]',
  summary: 'Create a staff user, e.g. the first owner: with a password from standard input, or with a one-time setup link.',
  details: `
Without --password-stdin, prints a one-time setup link (valid 24 hours) for the person to choose their password.
The password is never taken as a flag: flags show in process lists and shell history.

Works on the database directly: --data-dir for the embedded database (stop "pledge serve" first: the embedded
database has one user at a time), or DATABASE_URL for PostgreSQL.

Examples:
  pledge user create --email dpo@example.com --name "Dee Poe" --role owner
  printf '%s' "$PASSWORD" | pledge user create --email a@example.com --name "Ann" --role agent --password-stdin`,
  positionals: [1, 1],
  options: {
    email: { type: 'string', value: 'EMAIL', description: 'Their email address (how they sign in).' },
    name: { type: 'string', value: 'NAME', description: 'Their name.' },
    role: { type: 'string', value: 'ROLE', choices: ROLES, description: 'owner, privacy_officer, agent or auditor.' },
    'password-stdin': { type: 'boolean', description: 'Read the password from standard input (one line; a trailing newline is dropped).' },
    'data-dir': { type: 'string', value: 'DIR', description: 'Folder of the embedded database (default ./data).' },
    'database-url': { type: 'string', value: 'URL', description: 'PostgreSQL connection URL (or set DATABASE_URL).' },
    'public-url': { type: 'string', value: 'URL', description: 'Address Pledge is reached at, for the setup link.' },
  },
  async run([action], values, io: UserIo) {
    if (action !== 'create') throw new UsageError(`unknown action "${action}": use "create".`);
    for (const flag of ['email', 'name', 'role'] as const) if (typeof values[flag] !== 'string') throw new UsageError(`--${flag} is required.`);
    let password: string | undefined;
    if (values['password-stdin']) {
      password = (await (io.readStdin ?? readProcessStdin)()).replace(/\r?\n$/, '');
      if (!password) throw new UsageError('--password-stdin was given but standard input was empty.');
    }
    const server = await import('@pledge/server');
    let config;
    try {
      config = server.loadConfig({ env: io.env, flags: { dataDir: values['data-dir'], databaseUrl: values['database-url'], publicUrl: values['public-url'] } });
    } catch (e) {
      io.stderr(`pledge user: ${(e as Error).message}\n`);
      return 2;
    }
    const store = await server.openStore({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/db` });
    try {
      await server.migrateToLatest(store.db);
      const created = await server.createUser(
        { store, config, clock: { now: () => new Date() } },
        { email: values.email as string, name: values.name as string, role: values.role as (typeof ROLES)[number], ...(password !== undefined ? { password } : {}) },
        { type: 'system', id: 'cli' },
      );
      const u = created.user;
      io.stdout(`Created ${u.role} ${u.email} (id ${u.id}).\n`);
      if (created.setup) io.stdout(`Send them this one-time setup link, valid until ${created.setup.expiresAt}:\n  ${created.setup.url}\n`);
      else io.stdout(`They can sign in at ${config.publicUrl}.\n`);
      return 0;
    } catch (e) {
      if (e instanceof server.PledgeError) {
        io.stderr(`pledge user: ${e.message}\n`);
        return 2;
      }
      throw e;
    } finally {
      await store.close();
    }
  },
};
