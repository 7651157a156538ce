/**
 * What a route may require. Every route declares one (or 'public'); http/authorize.ts refuses anything else,
 * and a test walks the whole route table to prove each role gets exactly what this table gives it.
 */
export const PERMISSIONS = [
  'declaration:read',
  'declaration:publish',
  'ropa:read',
  'audit:read',
  'jobs:read',
  'mail:read',
  'users:read',
  'users:manage',
  'apikeys:manage',
  'account:self',
  // Rights requests (issue 4): read the queue and timelines; work a request; approve erasure and refusals (privacy officer).
  'rights:read',
  'rights:work',
  'rights:approve',
  // Consent (issue 5): read receipts, state, history and the suppression list; record receipts and suppressions from systems.
  'consent:read',
  'consent:write',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['owner', 'privacy_officer', 'agent', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Role -> permissions. Owner: everything. Privacy officer: all but managing staff. Agent: day-to-day work. Auditor: read only. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  privacy_officer: ['declaration:read', 'declaration:publish', 'ropa:read', 'audit:read', 'jobs:read', 'mail:read', 'users:read', 'apikeys:manage', 'account:self', 'rights:read', 'rights:work', 'rights:approve', 'consent:read', 'consent:write'],
  agent: ['declaration:read', 'ropa:read', 'jobs:read', 'account:self', 'rights:read', 'rights:work', 'consent:read', 'consent:write'],
  auditor: ['declaration:read', 'ropa:read', 'audit:read', 'jobs:read', 'mail:read', 'users:read', 'account:self', 'rights:read', 'consent:read'],
};

/** True when `role` carries `permission`. */
export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
