import { randomBytes } from 'node:crypto';

/** A random, URL-safe token of `bytes` bytes (256 bits by default: OWASP Session Management, >= 64 bits of entropy). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
