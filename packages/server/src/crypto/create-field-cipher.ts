import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from './encryption-key.js';
import type { FieldCipher } from './field-cipher.js';
import { parseEncryptionKeys } from './parse-encryption-keys.js';

const VERSION = 'v1';
// NIST SP 800-38D: a 96-bit random IV per message; with a fresh IV per value the key is safe for 2^32 encryptions.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The associated data: the format version, the key id and the field, so none of them can be swapped undetected. */
function aad(keyId: string, context: string | undefined): Buffer {
  return Buffer.from(`${VERSION}:${keyId}:${context ?? ''}`, 'utf8');
}

/**
 * AES-256-GCM field encryption (OWASP Cryptographic Storage Cheat Sheet: authenticated encryption, a random IV per
 * value, keys kept outside the database). `keys` is PLEDGE_ENCRYPTION_KEYS or parsed keys; the first encrypts.
 * @example
 *   const cipher = createFieldCipher('k1:' + key);
 *   const stored = cipher.encrypt('JBSWY3DPEHPK3PXP', 'users.totp_secret');
 *   cipher.decrypt(stored, 'users.totp_secret'); // 'JBSWY3DPEHPK3PXP'
 */
export function createFieldCipher(keys: string | readonly EncryptionKey[]): FieldCipher {
  const list = typeof keys === 'string' ? parseEncryptionKeys(keys) : keys;
  const current = list[0];
  if (!current) throw new Error('createFieldCipher needs at least one key.');
  const byId = new Map(list.map((k) => [k.id, k.key]));

  const split = (token: string) => {
    const parts = token.split(':');
    return parts.length === 5 && parts[0] === VERSION ? { keyId: parts[1]!, iv: parts[2]!, tag: parts[3]!, data: parts[4]! } : undefined;
  };

  return {
    currentKeyId: current.id,
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(current.id, context));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, current.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    },
    decrypt(token, context) {
      const field = context ?? 'a field';
      const p = split(token);
      if (!p) throw new Error(`Cannot decrypt ${field}: the stored value is not a "${VERSION}:<keyId>:<iv>:<tag>:<data>" ciphertext.`);
      const key = byId.get(p.keyId);
      if (!key) throw new Error(`Cannot decrypt ${field}: it was encrypted under key "${p.keyId}", which is not in PLEDGE_ENCRYPTION_KEYS. Add that key back (after the current one) to read it.`);
      const iv = Buffer.from(p.iv, 'base64');
      const tag = Buffer.from(p.tag, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(`Cannot decrypt ${field}: the stored value is truncated or malformed.`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(p.keyId, context));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(p.data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(`Cannot decrypt ${field}: the value was altered, copied from another field, or key "${p.keyId}" is not the key it was made with.`);
      }
    },
    keyIdOf(token) {
      return split(token)?.keyId;
    },
  };
}
