import { PledgeError } from '../errors/pledge-error.js';
import type { Principal } from '../auth/principal.js';

/** The signed-in user behind a request, for operations that only make sense in a browser session (not an API key). */
export function sessionUser(principal: Principal): Extract<Principal, { kind: 'user' }> {
  if (principal.kind !== 'user') throw new PledgeError('invalid_input', 'This applies to a signed-in person, not to an API key: sign in to the web app to do it.');
  return principal;
}
