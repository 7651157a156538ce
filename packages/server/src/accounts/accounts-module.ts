import { createFieldCipher } from '../crypto/create-field-cipher.js';
import '../crypto/cipher-deps.js';
import type { ServiceModule } from '../serve/service-module.js';
import { createAuthenticate } from './create-authenticate.js';
import { firstRunSetup } from './first-run-setup.js';

/**
 * Accounts and encryption at rest in start-up: `init` gives the service its field cipher (from
 * PLEDGE_ENCRYPTION_KEYS) and the request authenticator; `start` prints the first-run setup link on a web process
 * while Pledge has no user.
 */
export const accountsModule: ServiceModule = {
  name: 'accounts',
  async init(deps) {
    deps.cipher = createFieldCipher(deps.config.encryptionKeys ?? '');
    deps.authenticate = createAuthenticate(deps);
  },
  async start(deps, roles) {
    if (!roles.includes('web')) return;
    const setup = await firstRunSetup(deps);
    // The one place a secret is logged, on purpose: the operator needs this link to create the first owner.
    if (setup) {
      deps.logger.warn(`First run: no user yet. Create the owner at ${setup.url} (valid until ${setup.expiresAt.toISOString()}, once), or run "pledge user create".`);
      deps.announcements.push(`First run: create the owner account at ${setup.url}\n  (the link works once, until ${setup.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; or run "pledge user create").`);
    }
  },
};
