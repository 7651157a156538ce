import { SETTINGS, type SettingSpec } from './service-config.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** An example configuration file: every setting that is not a secret, at its default where it has a plain one. */
function exampleFile(settings: readonly SettingSpec[]): string {
  const example: Record<string, unknown> = {
    host: '0.0.0.0',
    port: 8080,
    publicUrl: 'https://privacy.example.com',
    dataDir: '/var/lib/pledge',
    roles: 'web,worker,scheduler',
    logLevel: 'info',
    requireMfa: true,
    mailFrom: 'Example Ltd Privacy <privacy@example.com>',
    trustProxy: true,
    bodyLimit: 1048576,
    declaration: '/etc/pledge/pledge.yaml',
  };
  const known = new Set(settings.filter((s) => !s.secret).map((s) => s.key as string));
  return JSON.stringify(Object.fromEntries(Object.entries(example).filter(([k]) => known.has(k))), null, 2);
}

/**
 * docs/configuration.md, generated from SETTINGS (the one list of settings), so the documentation cannot drift from
 * the code: a test compares the checked-in file with this. Regenerate with `npm run config-doc`.
 */
export function configurationDoc(settings: readonly SettingSpec[] = SETTINGS): string {
  const rows = settings.map((s) => `| \`${s.key}\` | \`${s.env}\` | \`${s.flag}\` | ${s.default.startsWith('(') ? s.default : `\`${s.default}\``} | ${cell(s.description)}${s.secret ? ' **Secret**: prefer the environment variable.' : ''} |`);
  return `# Configuration

Generated from \`packages/server/src/config/service-config.ts\` by \`npm run config-doc\`; a test fails when this
file and the code differ. Do not edit by hand.

\`pledge serve\` (and \`npm start\`) reads each setting from, in rising precedence:

1. the default below;
2. a JSON file named by \`--config FILE\` or \`PLEDGE_CONFIG\` (keys as in the first column);
3. the environment variable;
4. the command-line flag.

So a flag beats a variable, which beats the file, which beats the default. Invalid values stop the service at start
with a message naming the variable and flag to fix. \`pledge serve --settings\` prints this list.

| setting (file key) | environment variable | flag | default | description |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

## Secrets

Settings marked **Secret** should come from the environment (or a secrets manager that sets it), not a flag:
flags show in process lists. On the embedded database, \`encryptionKeys\` and \`sessionSecret\` are generated once
and kept in \`<dataDir>/secrets.json\` (mode 0600). With \`DATABASE_URL\` every process must share them, so they
must be set; Pledge refuses to start without them and says which variable is missing.

## Example configuration file

\`\`\`json
${exampleFile(settings)}
\`\`\`

Use it with \`pledge serve --config pledge.json\` or \`PLEDGE_CONFIG=pledge.json pledge serve\`, and keep the
secrets in the environment:

\`\`\`sh
export DATABASE_URL=postgres://pledge:...@db.internal:5432/pledge
export PLEDGE_ENCRYPTION_KEYS="k1:$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")"
export PLEDGE_SESSION_SECRET="$(node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")"
pledge serve --config pledge.json --role web
\`\`\`
`;
}
