import { sql } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { toAccountUser, type AccountUser } from './account-user.js';
import { checkPasswordPolicy } from './check-password-policy.js';
import { createUser } from './create-user.js';
import { hashPassword } from './password-hash.js';
import { actorFor, type RequestContext } from './request-context.js';
import { sha256Hex } from './sha256-hex.js';

/** Serialises first-owner creation so two setup links used at once cannot make two owners. */
const FIRST_OWNER_LOCK = 7_305_517_002;

export interface SetupInput {
  token: string;
  /** Required for the first owner; an invited user's email and name were set when they were invited. */
  email?: string;
  name?: string;
  password: string;
}

/**
 * Uses a one-time setup link: creates the first owner (first run) or sets an invited user's password. The token is
 * spent in the same transaction, so it works exactly once, and only within 24 hours.
 */
export async function completeSetup(deps: AccountsDeps, input: SetupInput, ctx: RequestContext): Promise<AccountUser> {
  const hash = sha256Hex(input.token);
  return deps.store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('setup_tokens').selectAll().where('token_hash', '=', hash).forUpdate().executeTakeFirst();
    const now = deps.clock.now();
    if (!row) throw new PledgeError('invalid_input', 'This setup link is not valid: copy the whole link, or ask an owner for a new one.', { field: 'token' });
    if (row.used_at) throw new PledgeError('invalid_input', 'This setup link has already been used: sign in, or ask an owner for a new link.', { field: 'token' });
    if (new Date(row.expires_at) <= now) {
      throw new PledgeError('invalid_input', `This setup link expired at ${new Date(row.expires_at).toISOString()}: ask an owner for a new one${row.purpose === 'owner' ? ' (or restart Pledge, which prints a new first-run link, or run `pledge user create`)' : ''}.`, { field: 'token' });
    }
    await trx.updateTable('setup_tokens').set({ used_at: now }).where('token_hash', '=', hash).execute();

    if (row.purpose === 'owner') {
      await sql`select pg_advisory_xact_lock(${FIRST_OWNER_LOCK})`.execute(trx);
      const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (any) throw new PledgeError('conflict', 'Pledge already has an owner: sign in, or ask an owner to invite you.');
      if (!input.email || !input.name) throw new PledgeError('invalid_input', 'Give the email and name of the first owner along with the password.', { field: input.email ? 'name' : 'email' });
      const created = await createUser(deps, { email: input.email, name: input.name, role: 'owner', password: input.password }, actorFor('public', null, ctx), trx);
      return created.user;
    }

    const user = await trx.selectFrom('users').selectAll().where('id', '=', row.user_id!).forUpdate().executeTakeFirst();
    if (!user || user.disabled_at) throw new PledgeError('invalid_input', 'This setup link belongs to an account that no longer exists or is disabled: ask an owner.', { field: 'token' });
    checkPasswordPolicy(input.password, { email: user.email, name: user.name });
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: await hashPassword(input.password), failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, deps.clock, { actor: actorFor('user', user.id, ctx), action: 'user.setup_completed', subject: { type: 'user', id: user.id } });
    return toAccountUser(updated);
  });
}
