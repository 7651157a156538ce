import { createHash } from 'node:crypto';
import { EMAIL_HASH_PATTERN, normaliseMarketingEmail } from '@pledge/core';
import { PledgeError } from '../errors/pledge-error.js';

/**
 * How the suppression list (and the consent ledger's lookup column) identifies an address: SHA-256, lower-case hex,
 * of the normalised address (trimmed, lower-cased: @pledge/core normaliseMarketingEmail).
 *
 * Why an unkeyed SHA-256 and not an HMAC under a server secret: the systems that send marketing must be able to check
 * an address without sending it in clear, and the SDK hashes locally before asking (`isSuppressed(email)`), so the
 * hash has to be computable without a secret, and it is the form ESPs and ad platforms already exchange suppression
 * lists in. The price: a hash of an address is pseudonymous, not anonymous (anyone holding the list can test an
 * address they guess), so the list is personal data, readable only with consent:read, and the ledger keeps the
 * address itself encrypted beside it. A keyed hash would tie every lookup to one key that could never rotate.
 */
export function hashEmail(email: string): string {
  const normalised = normaliseMarketingEmail(email);
  if (!normalised) throw new PledgeError('invalid_input', `"${email.slice(0, 80)}" is not an email address: write it as name@example.com.`, { field: 'email' });
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

/** An address or an already computed hash -> the hash. */
export function emailHashOf(input: { email?: string | undefined; emailHash?: string | undefined }): string {
  if (input.email !== undefined) return hashEmail(input.email);
  if (input.emailHash !== undefined) {
    const h = input.emailHash.toLowerCase();
    if (!EMAIL_HASH_PATTERN.test(h)) throw new PledgeError('invalid_input', 'emailHash must be the SHA-256 of the normalised address: 64 hexadecimal characters.', { field: 'emailHash' });
    return h;
  }
  throw new PledgeError('invalid_input', 'Give an email or an emailHash.', { field: 'email' });
}
