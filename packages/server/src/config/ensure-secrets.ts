import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceConfig } from './service-config.js';

/**
 * Fills in the encryption keys and session secret. On the embedded database they are generated once and kept in
 * `<dataDir>/secrets.json` (mode 0600), so `npm start` needs no setup. With PostgreSQL several processes must share
 * them, so they must be configured: a missing one is an error that says which variable to set.
 */
export function ensureSecrets(config: ServiceConfig): ServiceConfig & { encryptionKeys: string; sessionSecret: string } {
  if (config.encryptionKeys && config.sessionSecret) return config as ServiceConfig & { encryptionKeys: string; sessionSecret: string };
  if (config.databaseUrl) {
    const missing = [!config.encryptionKeys && 'PLEDGE_ENCRYPTION_KEYS', !config.sessionSecret && 'PLEDGE_SESSION_SECRET'].filter(Boolean);
    throw new PledgeError(
      'invalid_input',
      `With DATABASE_URL every process must share its secrets: set ${missing.join(' and ')}. Generate a key with: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secrets.json');
  let saved: { encryptionKeys?: string; sessionSecret?: string } = {};
  if (existsSync(file)) saved = JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    encryptionKeys: saved.encryptionKeys ?? `k1:${randomBytes(32).toString('base64')}`,
    sessionSecret: saved.sessionSecret ?? randomBytes(32).toString('base64url'),
  };
  if (!saved.encryptionKeys || !saved.sessionSecret) writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return { ...config, encryptionKeys: config.encryptionKeys ?? secrets.encryptionKeys, sessionSecret: config.sessionSecret ?? secrets.sessionSecret };
}
