/** One configured data-encryption key: an id (stored in every ciphertext it makes) and 32 bytes of key material. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}
