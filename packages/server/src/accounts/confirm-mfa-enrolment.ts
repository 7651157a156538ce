import { appendAudit } from '../audit/append-audit.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { checkSecondFactor } from './check-second-factor.js';
import { generateRecoveryCodes } from './recovery-codes.js';
import { actorFor, type RequestContext } from './request-context.js';
import { rotateSession } from './rotate-session.js';
import { sessionUser } from './session-user.js';

/**
 * Turns MFA on once the user proves their app works (a current code), and returns 10 one-time recovery codes,
 * shown this once. The session is renewed as MFA-verified, under a new token.
 */
export async function confirmMfaEnrolment(deps: AccountsDeps, principal: Principal, code: string, ctx: RequestContext): Promise<{ token: string; recoveryCodes: string[] }> {
  const me = sessionUser(principal);
  return deps.store.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', me.userId).forUpdate().executeTakeFirstOrThrow();
    if (user.mfa_enabled) throw new PledgeError('conflict', 'MFA is already on for your account.');
    if (!user.totp_secret) throw new PledgeError('invalid_input', 'Start with POST /api/auth/mfa/enrol, add the secret to your authenticator app, then confirm a code from it.');
    if (!/^\d{6}$/.test(code.replace(/\s/g, '')) || !(await checkSecondFactor(trx, deps, { ...user, recovery_codes: [] }, code))) {
      throw new PledgeError('invalid_input', 'The code does not match: check the app shows "Pledge" with your email, that your device clock is right, and enter the current 6-digit code.', { field: 'code' });
    }
    const { codes, hashes } = generateRecoveryCodes();
    await trx.updateTable('users').set({ mfa_enabled: true, recovery_codes: JSON.stringify(hashes) }).where('id', '=', user.id).execute();
    const next = await rotateSession(trx, deps, { oldSessionId: me.sessionId, userId: user.id, mfaVerified: true, ctx });
    await appendAudit(trx, deps.clock, { actor: actorFor('user', user.id, ctx), action: 'user.mfa_enabled', subject: { type: 'user', id: user.id }, before: { mfaEnabled: false }, after: { mfaEnabled: true, recoveryCodes: codes.length } });
    return { token: next.token, recoveryCodes: codes };
  });
}
