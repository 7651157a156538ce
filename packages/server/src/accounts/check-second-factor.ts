import type { Selectable, Transaction } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../store/database.js';
import type { AccountsDeps } from './accounts-deps.js';
import type { UsersTable } from './accounts-tables.js';
import { normaliseRecoveryCode } from './recovery-codes.js';
import { sha256Hex } from './sha256-hex.js';
import { TOTP_SETTINGS } from './totp-settings.js';

/**
 * Checks a code from the user's authenticator app, or one of their recovery codes, and spends it: a TOTP step is
 * accepted once (no replay within its window: RFC 6238 section 5.2), a recovery code is removed when used.
 * Call with the users row locked (select ... for update) inside `trx`. Returns how the user proved themselves,
 * or null when the code is wrong.
 */
export async function checkSecondFactor(
  trx: Transaction<Database>,
  deps: Pick<AccountsDeps, 'clock' | 'cipher'>,
  user: Selectable<UsersTable>,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  const trimmed = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(trimmed)) {
    if (!user.totp_secret) return null;
    const secret = Secret.fromBase32(deps.cipher.decrypt(user.totp_secret, 'users.totp_secret'));
    const timestamp = deps.clock.now().getTime();
    const delta = TOTP.validate({ token: trimmed, secret, algorithm: TOTP_SETTINGS.algorithm, digits: TOTP_SETTINGS.digits, period: TOTP_SETTINGS.period, timestamp, window: TOTP_SETTINGS.window });
    if (delta === null) return null;
    const step = TOTP.counter({ period: TOTP_SETTINGS.period, timestamp }) + delta;
    if (user.totp_last_step !== null && step <= Number(user.totp_last_step)) return null;
    await trx.updateTable('users').set({ totp_last_step: String(step) }).where('id', '=', user.id).execute();
    return 'totp';
  }
  const hash = sha256Hex(normaliseRecoveryCode(code));
  const codes = user.recovery_codes ?? [];
  if (!codes.includes(hash)) return null;
  await trx
    .updateTable('users')
    .set({ recovery_codes: JSON.stringify(codes.filter((h) => h !== hash)) })
    .where('id', '=', user.id)
    .execute();
  return 'recovery_code';
}
