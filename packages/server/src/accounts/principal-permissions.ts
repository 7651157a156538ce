import { ROLE_PERMISSIONS, type Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';

/** What a caller may do: its role's permissions, or an API key's scopes. */
export function principalPermissions(principal: Principal): readonly Permission[] {
  if (principal.kind === 'user') return ROLE_PERMISSIONS[principal.role];
  if (principal.kind === 'api_key') return principal.scopes;
  return [];
}
