import type { Selectable } from 'kysely';
import type { Role } from '../auth/permissions.js';
import type { UsersTable } from './accounts-tables.js';

/** A staff user as the API shows it: never a hash, secret or code. */
export interface AccountUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mfaEnabled: boolean;
  /** True until the user has chosen a password through their setup link. */
  pendingSetup: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Presents a users row. */
export function toAccountUser(row: Selectable<UsersTable>): AccountUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    mfaEnabled: row.mfa_enabled,
    pendingSetup: row.password_hash === null,
    disabled: row.disabled_at !== null,
    lockedUntil: iso(row.locked_until),
    createdAt: iso(row.created_at)!,
    lastLoginAt: iso(row.last_login_at),
  };
}
