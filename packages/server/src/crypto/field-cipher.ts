/**
 * Encrypts and decrypts single database fields (secrets and personal data at rest). `context` names the field,
 * e.g. "users.totp_secret": it is bound to the ciphertext as additional authenticated data, so a value copied
 * into another column (or another kind of field) fails to decrypt instead of being silently accepted.
 */
export interface FieldCipher {
  /** Encrypts under the current (first configured) key: `v1:<keyId>:<iv>:<tag>:<data>`, base64 parts. */
  encrypt(plain: string, context?: string): string;
  /** Decrypts a value encrypted under any configured key. Throws when it was altered, moved or its key is gone. */
  decrypt(token: string, context?: string): string;
  /** The id of the key new values are encrypted under. */
  readonly currentKeyId: string;
  /** The id of the key a stored value was encrypted under (for rotation), or undefined when it is not a ciphertext. */
  keyIdOf(token: string): string | undefined;
}
