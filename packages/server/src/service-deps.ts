import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { ServiceConfig } from './config/service-config.js';
import type { AuthenticateFn } from './http/authorize.js';
import type { Store } from './store/open-store.js';

/**
 * What the service's parts are given. Each capability adds the side-effect interfaces it owns
 * (jobs, mail, crypto, ...) by augmenting this interface beside its code.
 */
export interface ServiceDeps {
  config: ServiceConfig;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Identifies the caller of a request (session cookie or API key); set by the accounts module. */
  authenticate?: AuthenticateFn;
  /** Messages for the person who started the service (e.g. the first-run setup link); `pledge serve` prints them. */
  announcements: string[];
}
