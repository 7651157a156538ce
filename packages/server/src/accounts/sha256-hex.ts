import { createHash } from 'node:crypto';

/**
 * SHA-256 of a high-entropy token (session, API key, setup link, recovery code). A fast hash is enough for random
 * 128+ bit values: they cannot be guessed, so a stolen table of hashes grants nothing (unlike passwords, see argon2).
 */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
