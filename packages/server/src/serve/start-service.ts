import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock.js';
import { ensureSecrets } from '../config/ensure-secrets.js';
import type { ServiceConfig } from '../config/service-config.js';
import type { AuthenticateFn } from '../http/authorize.js';
import { buildApp } from '../http/build-app.js';
import type { ServiceDeps } from '../service-deps.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore, redactUrl } from '../store/open-store.js';
import { createLogger } from './create-logger.js';
import { SERVICE_MODULES } from './service-modules.js';
import { withStartupLock } from './with-startup-lock.js';

export interface RunningService {
  deps: ServiceDeps;
  app?: FastifyInstance;
  /** http://host:port when the web role runs. */
  address?: string;
  /** Stops accepting requests, lets jobs and requests in flight finish, closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  /** Overrides how callers are identified (tests). */
  authenticate?: AuthenticateFn;
  /** Don't listen on a port (tests use app.inject). */
  listen?: boolean;
}

/** Starts Pledge with the roles the configuration names: migrate, init capabilities, serve HTTP, run jobs. */
export async function startService(input: ServiceConfig, options: StartOptions = {}): Promise<RunningService> {
  const config = ensureSecrets(input);
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/db` });
  logger.info({ store: store.kind, where: config.databaseUrl ? redactUrl(config.databaseUrl) : `${config.dataDir}/db`, roles: config.roles }, 'store opened');
  const applied = await migrateToLatest(store.db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  // The capabilities' own interfaces (cipher, jobs, mail, ...) are added by their modules' init, below.
  const deps = { config, store, clock: options.clock ?? systemClock, logger, announcements: [] } as unknown as ServiceDeps;
  const stops: (() => Promise<void>)[] = [];
  try {
    // One process at a time: the modules create shared things (job queues) that concurrent creation deadlocks on.
    await withStartupLock(store, async () => {
      for (const m of SERVICE_MODULES) await m.init?.(deps);
    });
    let app: FastifyInstance | undefined;
    let address: string | undefined;
    if (config.roles.includes('web')) {
      const authenticate = options.authenticate ?? deps.authenticate;
      app = await buildApp(deps, { ...(authenticate ? { authenticate } : {}), logRequests: true });
      if (options.listen !== false) address = await app.listen({ host: config.host, port: config.port });
      else await app.ready();
    }
    for (const m of SERVICE_MODULES) {
      const stop = await m.start?.(deps, config.roles);
      if (stop) stops.push(stop);
    }
    let stopping: Promise<void> | undefined;
    return {
      deps,
      ...(app ? { app } : {}),
      ...(address ? { address } : {}),
      stop: () =>
        (stopping ??= (async () => {
          await app?.close();
          for (const stop of stops.reverse()) await stop();
          await store.close();
          logger.info('stopped');
        })()),
    };
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await store.close().catch(() => {});
    throw e;
  }
}
