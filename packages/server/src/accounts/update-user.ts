import { sql, type Updateable } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Role } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import type { UsersTable } from './accounts-tables.js';
import { toAccountUser, type AccountUser } from './account-user.js';
import { actorFor, type RequestContext } from './request-context.js';

export interface UserChanges {
  role?: Role;
  name?: string;
  /** true disables the account and ends its sessions; false enables it again. */
  disabled?: boolean;
  /** true lifts a lock after wrong passwords. */
  unlock?: boolean;
}

/** Serialises changes that could leave Pledge without an active owner. */
const OWNER_LOCK = 7_305_517_003;

/**
 * Changes a user's role, name or status, audited with before and after. Refuses to demote or disable the last
 * active owner, so Pledge always has someone who can manage it.
 */
export async function updateUser(deps: AccountsDeps, principal: Principal, id: string, changes: UserChanges, ctx: RequestContext): Promise<AccountUser> {
  return deps.store.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${OWNER_LOCK})`.execute(trx);
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new PledgeError('not_found', `There is no user with id ${id}: list them with GET /api/users.`);
    const before = toAccountUser(row);
    const losesOwner = row.role === 'owner' && !row.disabled_at && ((changes.role && changes.role !== 'owner') || changes.disabled === true);
    if (losesOwner) {
      const others = await trx.selectFrom('users').select('id').where('role', '=', 'owner').where('disabled_at', 'is', null).where('id', '<>', id).limit(1).executeTakeFirst();
      if (!others) throw new PledgeError('conflict', 'This is the last active owner: make someone else an owner first, so Pledge keeps someone who can manage it.');
    }
    const now = deps.clock.now();
    const set: Updateable<UsersTable> = {};
    if (changes.role) set.role = changes.role;
    if (changes.name !== undefined) {
      if (!changes.name.trim()) throw new PledgeError('invalid_input', 'The name is empty.', { field: 'name' });
      set.name = changes.name.trim();
    }
    if (changes.disabled === true && !row.disabled_at) set.disabled_at = now;
    if (changes.disabled === false) set.disabled_at = null;
    if (changes.unlock) Object.assign(set, { locked_until: null, failed_logins: 0 });
    if (!Object.keys(set).length) return before;
    const updated = await trx.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    // A disabled account, or one whose role changed, starts again from a fresh sign-in.
    if (set.disabled_at || (changes.role && changes.role !== row.role)) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const after = toAccountUser(updated);
    const pick = (u: AccountUser) => ({ role: u.role, name: u.name, disabled: u.disabled, lockedUntil: u.lockedUntil });
    await appendAudit(trx, deps.clock, {
      actor: principal.kind === 'api_key' ? actorFor('api_key', principal.keyId, ctx) : actorFor('user', principal.kind === 'user' ? principal.userId : null, ctx),
      action: 'user.updated',
      subject: { type: 'user', id },
      before: pick(before),
      after: pick(after),
    });
    return after;
  });
}
