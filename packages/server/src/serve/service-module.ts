import type { ProcessRole } from '../config/service-config.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * A capability's part in starting the service. `init` adds its interfaces to deps (before routes are built);
 * `start` begins its background work for the roles this process runs and returns how to stop it.
 */
export interface ServiceModule {
  name: string;
  init?(deps: ServiceDeps): Promise<void>;
  start?(deps: ServiceDeps, roles: readonly ProcessRole[]): Promise<(() => Promise<void>) | void>;
}
