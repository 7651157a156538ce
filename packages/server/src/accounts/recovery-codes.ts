import { randomBytes } from 'node:crypto';
import { sha256Hex } from './sha256-hex.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and typed from paper

/** Normalises a recovery code as typed: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Ten one-time recovery codes of 16 characters from 32 symbols (80 bits each), shown once as XXXX-XXXX-XXXX-XXXX.
 * 80 random bits make a plain SHA-256 hash safe to store (no guessing from a stolen hash).
 */
export function generateRecoveryCodes(count = 10): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
  return { codes, hashes: codes.map((c) => sha256Hex(normaliseRecoveryCode(c))) };
}
