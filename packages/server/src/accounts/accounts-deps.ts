import '../crypto/cipher-deps.js';
import type { ServiceDeps } from '../service-deps.js';

/** What account operations use: the store, the clock, the configuration and the field cipher. */
export type AccountsDeps = Pick<ServiceDeps, 'store' | 'clock' | 'config' | 'cipher'>;
