import type { ServiceModule } from '../serve/service-module.js';
import type { ServiceDeps } from '../service-deps.js';
import { unsubscribeHeaders, type UnsubscribeHeaders } from './unsubscribe-token.js';

declare module '../service-deps.js' {
  interface ServiceDeps {
    /** RFC 8058 headers for the organisation's own marketing mail: `deps.unsubscribeHeaders({ email, purpose })`. */
    unsubscribeHeaders: (input: { email: string; purpose?: string }) => UnsubscribeHeaders & { url: string };
  }
}

/** Gives the service's parts the unsubscribe-header helper bound to this service's key and address. */
export const consentModule: ServiceModule = {
  name: 'consent',
  async init(deps: ServiceDeps) {
    deps.unsubscribeHeaders = (input) => unsubscribeHeaders(deps, input);
  },
};
