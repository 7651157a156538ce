import { appendAudit } from '../audit/append-audit.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { checkSecondFactor } from './check-second-factor.js';
import { lockedError } from './locked-error.js';
import { recordFailedAttempt } from './record-failed-attempt.js';
import { actorFor, type RequestContext } from './request-context.js';
import { rotateSession } from './rotate-session.js';
import { sessionUser } from './session-user.js';

/**
 * The second step of signing in: a code from the authenticator app (or a recovery code) turns the password-only
 * session into a full one, under a new session token. Wrong codes count towards the same lock as wrong passwords.
 */
export async function completeMfaSignIn(deps: AccountsDeps, principal: Principal, code: string, ctx: RequestContext): Promise<{ token: string; method: 'totp' | 'recovery_code'; recoveryCodesLeft: number }> {
  const me = sessionUser(principal);
  type Outcome = { ok: { token: string; method: 'totp' | 'recovery_code'; recoveryCodesLeft: number } } | { error: PledgeError };
  const outcome = await deps.store.db.transaction().execute(async (trx): Promise<Outcome> => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', me.userId).forUpdate().executeTakeFirstOrThrow();
    if (!user.mfa_enabled) return { error: new PledgeError('invalid_input', 'Your account has no authenticator app yet: enrol one with POST /api/auth/mfa/enrol.') };
    const session = await trx.selectFrom('sessions').select('mfa_verified').where('id', '=', me.sessionId).executeTakeFirst();
    if (session?.mfa_verified) return { error: new PledgeError('invalid_input', 'This session has already passed the code step: nothing more to do.') };
    const now = deps.clock.now();
    if (user.locked_until && new Date(user.locked_until) > now) return { error: lockedError(new Date(user.locked_until)) };
    const method = await checkSecondFactor(trx, deps, user, code);
    if (!method) {
      const lock = await recordFailedAttempt(trx, deps, user, ctx, { action: 'auth.mfa_failed', reason: 'wrong_code' });
      return { error: lock ? lockedError(lock) : new PledgeError('unauthenticated', 'The code is wrong or has already been used. Enter the current 6-digit code from your authenticator app, or one of your recovery codes.') };
    }
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const next = await rotateSession(trx, deps, { oldSessionId: me.sessionId, userId: user.id, mfaVerified: true, ctx });
    const left = method === 'recovery_code' ? (user.recovery_codes?.length ?? 1) - 1 : (user.recovery_codes?.length ?? 0);
    await appendAudit(trx, deps.clock, { actor: actorFor('user', user.id, ctx), action: 'auth.login', subject: { type: 'user', id: user.id }, details: { secondFactor: method, recoveryCodesLeft: left } });
    return { ok: { token: next.token, method, recoveryCodesLeft: left } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}
