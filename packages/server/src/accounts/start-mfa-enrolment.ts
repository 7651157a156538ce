import { Secret, TOTP } from 'otpauth';
import { appendAudit } from '../audit/append-audit.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { actorFor, type RequestContext } from './request-context.js';
import { sessionUser } from './session-user.js';
import { TOTP_SETTINGS } from './totp-settings.js';

/**
 * Begins enrolling an authenticator app: makes a new TOTP secret (stored encrypted, not yet in force) and returns
 * it with the otpauth:// URI for a QR code. MFA is on only once a code from the app is confirmed.
 */
export async function startMfaEnrolment(deps: AccountsDeps, principal: Principal, ctx: RequestContext): Promise<{ otpauthUri: string; secret: string }> {
  const me = sessionUser(principal);
  return deps.store.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', me.userId).forUpdate().executeTakeFirstOrThrow();
    // Otherwise someone holding only the password could replace the authenticator of a protected account.
    if (user.mfa_enabled) throw new PledgeError('conflict', 'An authenticator app is already enrolled. To change it, turn MFA off with your password (POST /api/auth/mfa/disable), then enrol again.');
    const secret = new Secret({ size: TOTP_SETTINGS.secretBytes });
    const totp = new TOTP({ issuer: TOTP_SETTINGS.issuer, label: user.email, secret, algorithm: TOTP_SETTINGS.algorithm, digits: TOTP_SETTINGS.digits, period: TOTP_SETTINGS.period });
    await trx
      .updateTable('users')
      .set({ totp_secret: deps.cipher.encrypt(secret.base32, 'users.totp_secret'), totp_last_step: null })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(trx, deps.clock, { actor: actorFor('user', user.id, ctx), action: 'user.mfa_enrolment_started', subject: { type: 'user', id: user.id } });
    return { otpauthUri: totp.toString(), secret: secret.base32 };
  });
}
