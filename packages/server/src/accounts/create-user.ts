import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import { ROLES, type Role } from '../auth/permissions.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { Database } from '../store/database.js';
import type { AccountsDeps } from './accounts-deps.js';
import { toAccountUser, type AccountUser } from './account-user.js';
import { checkPasswordPolicy } from './check-password-policy.js';
import { createSetupToken } from './create-setup-token.js';
import { normaliseEmail } from './normalise-email.js';
import { hashPassword } from './password-hash.js';
import { setupUrl } from './setup-url.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** When absent, the user gets a one-time setup link to choose one. */
  password?: string;
}

export interface CreatedUser {
  user: AccountUser;
  /** The one-time setup link (only when no password was given). Shown once; only its hash is stored. */
  setup?: { token: string; url: string; expiresAt: string };
}

/**
 * Creates a staff user, audited as "user.created" in the same transaction. Without a password the user is
 * pending until they use the returned setup link (valid 24 hours, once).
 * @param trx run inside this transaction (e.g. with the setup token that authorised it); a new one otherwise
 */
export async function createUser(deps: Pick<AccountsDeps, 'store' | 'clock' | 'config'>, input: NewUser, actor: Actor, trx?: Transaction<Database>): Promise<CreatedUser> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (!name) throw new PledgeError('invalid_input', 'The name is empty: give the person\'s name as colleagues know it.', { field: 'name' });
  if (!ROLES.includes(input.role)) throw new PledgeError('invalid_input', `"${input.role}" is not a role: use one of ${ROLES.join(', ')}.`, { field: 'role' });
  if (input.password !== undefined) checkPasswordPolicy(input.password, { email, name });
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;

  const run = async (t: Transaction<Database>): Promise<CreatedUser> => {
    const existing = await t.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw new PledgeError('conflict', `A user with the email ${email} already exists: change their role instead, or use another address.`, { field: 'email' });
    const row = await t
      .insertInto('users')
      .values({ id: randomUUID(), email, name, role: input.role, password_hash: passwordHash, totp_secret: null, totp_last_step: null, recovery_codes: '[]', locked_until: null, disabled_at: null, created_at: deps.clock.now(), last_login_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const user = toAccountUser(row);
    let setup: CreatedUser['setup'];
    if (passwordHash === null) {
      const s = await createSetupToken(t, deps.clock, { purpose: 'user', userId: user.id, createdBy: actor.id ?? null });
      setup = { token: s.token, url: setupUrl(deps.config.publicUrl, s.token), expiresAt: s.expiresAt.toISOString() };
    }
    await appendAudit(t, deps.clock, {
      actor,
      action: 'user.created',
      subject: { type: 'user', id: user.id },
      after: { email: user.email, name: user.name, role: user.role, setupLink: passwordHash === null },
    });
    return { user, ...(setup ? { setup } : {}) };
  };
  return trx ? run(trx) : deps.store.db.transaction().execute(run);
}
