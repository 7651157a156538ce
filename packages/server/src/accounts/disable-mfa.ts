import { appendAudit } from '../audit/append-audit.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { verifyPassword } from './password-hash.js';
import { actorFor, type RequestContext } from './request-context.js';
import { sessionUser } from './session-user.js';

/**
 * Turns MFA off: needs a session that passed MFA and the password again (OWASP: re-authenticate before changing
 * authentication factors). The secret and recovery codes are erased. Where MFA is required for all, the user is
 * then limited to their own account until they enrol again.
 */
export async function disableMfa(deps: AccountsDeps, principal: Principal, password: string, ctx: RequestContext): Promise<void> {
  const me = sessionUser(principal);
  if (!me.mfaVerified) throw new PledgeError('mfa_required', 'Finish signing in with your authenticator code before turning MFA off.');
  const found = await deps.store.db.selectFrom('users').select(['password_hash', 'mfa_enabled']).where('id', '=', me.userId).executeTakeFirstOrThrow();
  if (!found.mfa_enabled) throw new PledgeError('invalid_input', 'MFA is not on for your account: nothing to turn off.');
  if (!found.password_hash || !(await verifyPassword(found.password_hash, password))) throw new PledgeError('invalid_input', 'The password is wrong: give your current password to turn MFA off.', { field: 'password' });
  await deps.store.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ mfa_enabled: false, totp_secret: null, totp_last_step: null, recovery_codes: '[]' }).where('id', '=', me.userId).execute();
    await appendAudit(trx, deps.clock, { actor: actorFor('user', me.userId, ctx), action: 'user.mfa_disabled', subject: { type: 'user', id: me.userId }, before: { mfaEnabled: true }, after: { mfaEnabled: false } });
  });
}
