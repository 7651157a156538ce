import pino from 'pino';
import type { Clock } from '../clock.js';
import { loadConfig } from '../config/load-config.js';
import type { ServiceConfig } from '../config/service-config.js';
import { startService, type RunningService, type StartOptions } from '../serve/start-service.js';
import { clonePgliteDir, createPostgresDatabase } from './test-stores.js';

export type StoreKind = 'pglite' | 'postgres';

export interface TestService extends RunningService {
  /** Stops the service and removes its database. */
  dispose(): Promise<void>;
}

const TEST_KEY = `t1:${Buffer.alloc(32, 7).toString('base64')}`;

/**
 * Starts Pledge for a test on a copy of the migrated PGlite template, or on a new PostgreSQL database,
 * without listening on a port (use app.inject) unless `listen` is set.
 */
export async function startTestService(
  kind: StoreKind = 'pglite',
  overrides: Partial<Record<keyof ServiceConfig, unknown>> = {},
  options: StartOptions & { clock?: Clock } = {},
): Promise<TestService> {
  let dataDir = clonePgliteDir();
  let drop = async () => {};
  const flags: Record<string, unknown> = {
    dataDir,
    port: 0,
    logLevel: 'silent',
    encryptionKeys: TEST_KEY,
    sessionSecret: 'test-session-secret-test-session-secret',
    roles: 'web,worker,scheduler',
    ...overrides,
  };
  // overrides.databaseUrl: a second service on an existing test database (e.g. two workers); the first one drops it.
  if (kind === 'postgres' && !overrides.databaseUrl) {
    const pg = await createPostgresDatabase();
    flags.databaseUrl = pg.url;
    drop = pg.drop;
  }
  const config = loadConfig({ flags });
  dataDir = config.dataDir;
  const service = await startService(config, { logger: pino({ level: 'silent' }), listen: false, ...options });
  return {
    ...service,
    dispose: async () => {
      await service.stop();
      await drop();
    },
  };
}
