import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldCipher } from '../crypto/field-cipher.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Envelope encryption of a reply file: the bytes are sealed with AES-256-GCM under a fresh random 256-bit data key
 * (NIST SP 800-38D: 96-bit random IV, 128-bit tag), with the file id as associated data so content cannot be moved
 * to another row; the data key itself is encrypted with the service's field cipher (PLEDGE_ENCRYPTION_KEYS), so key
 * rotation re-encrypts 60-character keys, not megabytes of files. Stored content = IV || ciphertext || tag.
 * `table` names the table the file lives in (reply_files, rights_identity_documents): it is bound into the associated
 * data and the key's cipher context, so a file cannot be moved between tables either.
 */
export function sealFile(cipher: FieldCipher, fileId: string, plain: Uint8Array, table = 'reply_files'): { dataKey: string; content: Buffer } {
  const key = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  c.setAAD(Buffer.from(`${table}:${fileId}`, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  const content = Buffer.concat([iv, body, c.getAuthTag()]);
  const dataKey = cipher.encrypt(key.toString('base64'), `${table}.data_key`);
  key.fill(0);
  return { dataKey, content };
}

/** Opens a sealed file; throws when the content, its key or its row were altered. */
export function openFile(cipher: FieldCipher, fileId: string, dataKey: string, content: Uint8Array, table = 'reply_files'): Buffer {
  const key = Buffer.from(cipher.decrypt(dataKey, `${table}.data_key`), 'base64');
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (buf.length < IV_BYTES + TAG_BYTES) throw new Error(`File ${fileId} (${table}) is truncated.`);
  const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  d.setAAD(Buffer.from(`${table}:${fileId}`, 'utf8'));
  d.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([d.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), d.final()]);
  } catch {
    throw new Error(`Cannot decrypt file ${fileId} (${table}): it was altered or moved from another row.`);
  } finally {
    key.fill(0);
  }
}
