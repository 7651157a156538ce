import { PledgeError } from '../errors/pledge-error.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
// Long enough for any passphrase; bounded so a megabyte "password" cannot tie up the hasher.
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The password rules, after NCSC password guidance and OWASP ASVS 2.1: at least 12 characters, any characters
 * allowed (spaces and emoji too), no composition rules, but not a well-known password nor one built from the
 * account's own email or name. Throws one error listing every rule broken.
 */
export function checkPasswordPolicy(password: string, about: { email?: string; name?: string } = {}): void {
  const problems: string[] = [];
  const length = [...password].length;
  const lower = password.toLowerCase();
  if (length < PASSWORD_MIN_LENGTH) problems.push(`it has ${length} characters; use at least ${PASSWORD_MIN_LENGTH} (a few unrelated words make a good one)`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`it has ${length} characters; use at most ${PASSWORD_MAX_LENGTH}`);
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/u.test(password) || '01234567890123456789'.includes(password) || '98765432109876543210'.includes(password)) {
    problems.push('it is a well-known or easily guessed password; choose one nobody else would');
  }
  const local = about.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push('it contains your email address; choose something unrelated to the account');
  const name = about.name?.toLowerCase().replace(/\s+/g, '');
  if (name && name.length >= 4 && lower.replace(/\s+/g, '').includes(name)) problems.push('it contains your name; choose something unrelated to the account');
  if (problems.length) throw new PledgeError('invalid_input', `This password cannot be used: ${problems.join('; ')}.`, { field: 'password', problems });
}
