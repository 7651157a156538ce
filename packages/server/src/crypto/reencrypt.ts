import type { FieldCipher } from './field-cipher.js';

/**
 * Key rotation for one value: decrypts a value made under an older key and encrypts it under the current one.
 * Values already under the current key are returned unchanged, so a rotation can be run again after a crash.
 */
export function reencrypt(cipher: FieldCipher, token: string, context?: string): string {
  if (cipher.keyIdOf(token) === cipher.currentKeyId) return token;
  return cipher.encrypt(cipher.decrypt(token, context), context);
}
