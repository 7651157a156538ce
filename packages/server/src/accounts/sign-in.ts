import { appendAudit } from '../audit/append-audit.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { toAccountUser, type AccountUser } from './account-user.js';
import { createSession } from './create-session.js';
import { lockedError } from './locked-error.js';
import { recordFailedAttempt } from './record-failed-attempt.js';
import { verifyAgainstNothing, verifyPassword } from './password-hash.js';
import { actorFor, type RequestContext } from './request-context.js';

// One message for an unknown email and a wrong password, so the answer does not reveal who has an account.
const WRONG = 'The email or password is wrong. Check both and try again; after 5 wrong attempts the account is locked for 15 minutes.';

export interface SignInResult {
  /** The session token for the cookie. */
  token: string;
  user: AccountUser;
  /** True when the user must still give a code from their authenticator (POST /api/auth/mfa). */
  mfaRequired: boolean;
}

/**
 * Checks an email and password and starts a session. Failures count towards a 15-minute lock after 5 in a row;
 * every success, failure and lock is audited in the transaction that records it.
 */
export async function signIn(deps: AccountsDeps, input: { email: string; password: string }, ctx: RequestContext): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const found = await deps.store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  // The hash is checked before taking any lock: argon2 takes tens of milliseconds and must not hold the database.
  const passwordOk = found?.password_hash ? await verifyPassword(found.password_hash, input.password) : await verifyAgainstNothing(input.password);

  type Outcome = { ok: SignInResult } | { error: PledgeError };
  const outcome = await deps.store.db.transaction().execute(async (trx): Promise<Outcome> => {
    const now = deps.clock.now();
    if (!found) {
      await appendAudit(trx, deps.clock, { actor: actorFor('public', null, ctx), action: 'auth.login_failed', details: { reason: 'unknown_email' } });
      return { error: new PledgeError('unauthenticated', WRONG) };
    }
    const user = await trx.selectFrom('users').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow();
    const actor = actorFor('user', user.id, ctx);
    const subject = { type: 'user', id: user.id };
    const lockedUntil = user.locked_until ? new Date(user.locked_until) : null;
    if (lockedUntil && lockedUntil > now) {
      await appendAudit(trx, deps.clock, { actor, action: 'auth.login_failed', subject, details: { reason: 'locked' } });
      return { error: lockedError(lockedUntil) };
    }
    if (!passwordOk) {
      const lock = await recordFailedAttempt(trx, deps, user, ctx, { action: 'auth.login_failed', reason: user.password_hash ? 'wrong_password' : 'setup_pending' });
      return { error: lock ? lockedError(lock) : new PledgeError('unauthenticated', WRONG) };
    }
    if (user.disabled_at) {
      await appendAudit(trx, deps.clock, { actor, action: 'auth.login_failed', subject, details: { reason: 'disabled' } });
      return { error: new PledgeError('forbidden', 'This account is disabled. Ask an owner if you need access again.') };
    }
    const updated = await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const mfaRequired = updated.mfa_enabled;
    const session = await createSession(trx, deps, { userId: user.id, mfaVerified: false, ctx });
    await appendAudit(trx, deps.clock, { actor, action: mfaRequired ? 'auth.password_accepted' : 'auth.login', subject, details: { mfaPending: mfaRequired } });
    return { ok: { token: session.token, user: toAccountUser(updated), mfaRequired } };
  });
  // Failures are committed (the count and the audit entry) before the error is reported.
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}
