/**
 * The one normalisation of an email address before it is hashed for the suppression list and the consent ledger:
 * trimmed and lower-cased, nothing else. Lower-casing the local part is not strictly RFC 5321, but every mailbox
 * provider treats addresses case-insensitively, and a suppression that misses "Jo@Example.com" because "jo@example.com"
 * objected would break Art 21(3). Provider-specific rewriting (Gmail dots, "+tags") is NOT done: it is wrong for other
 * domains and would merge different people.
 *
 * The SDK and any sending system must apply exactly this before hashing (SHA-256, lower-case hex of the UTF-8 bytes).
 * @returns the normalised address, or undefined when it is not an email address.
 */
export function normaliseMarketingEmail(email: string): string | undefined {
  const e = email.trim().toLowerCase();
  if (e.length < 3 || e.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) return undefined;
  return e;
}

/** A SHA-256 hex digest as the suppression list stores it. */
export const EMAIL_HASH_PATTERN = /^[0-9a-f]{64}$/;
