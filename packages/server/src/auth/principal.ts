import type { Permission, Role } from './permissions.js';

/** Who is making a request, once authenticated. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; email: string; role: Role; mfaVerified: boolean; sessionId: string }
  | { kind: 'api_key'; keyId: string; name: string; scopes: readonly Permission[] };

export const ANONYMOUS: Principal = { kind: 'anonymous' };
