import { Secret, TOTP } from 'otpauth';
import type { AccountsDeps } from '../accounts/accounts-deps.js';
import { TOTP_SETTINGS } from '../accounts/totp-settings.js';

/**
 * The authenticator secret a user started enrolling and has not confirmed yet (to show it again when the code they
 * typed was wrong), or undefined. Once MFA is on, the secret is never shown again.
 */
export async function pendingEnrolment(deps: Pick<AccountsDeps, 'store' | 'cipher'>, userId: string): Promise<{ secret: string; otpauthUri: string } | undefined> {
  const user = await deps.store.db.selectFrom('users').select(['email', 'totp_secret', 'mfa_enabled']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.mfa_enabled || !user.totp_secret) return undefined;
  const secret = deps.cipher.decrypt(user.totp_secret, 'users.totp_secret');
  const totp = new TOTP({ issuer: TOTP_SETTINGS.issuer, label: user.email, secret: Secret.fromBase32(secret), algorithm: TOTP_SETTINGS.algorithm, digits: TOTP_SETTINGS.digits, period: TOTP_SETTINGS.period });
  return { secret, otpauthUri: totp.toString() };
}
