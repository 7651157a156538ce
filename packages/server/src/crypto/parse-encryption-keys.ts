import { PledgeError } from '../errors/pledge-error.js';
import type { EncryptionKey } from './encryption-key.js';

const GENERATE = `Generate a key with: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses PLEDGE_ENCRYPTION_KEYS, "id:base64key,id:base64key,...": the first key encrypts, every key decrypts.
 * Messages name the key (by position and id) and how to make a good one, never the key material itself.
 */
export function parseEncryptionKeys(spec: string | undefined): EncryptionKey[] {
  if (!spec || !spec.trim()) throw new PledgeError('invalid_input', `No encryption key is configured: set PLEDGE_ENCRYPTION_KEYS to "id:base64key". ${GENERATE}`);
  const keys: EncryptionKey[] = [];
  spec.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    const where = `Encryption key ${i + 1} in PLEDGE_ENCRYPTION_KEYS`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new PledgeError('invalid_input', `${where} has no id: write it as "id:base64key" (e.g. "k2:..."). ${GENERATE}`);
    const id = entry.slice(0, colon);
    const material = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) throw new PledgeError('invalid_input', `${where} has the id "${id.slice(0, 40)}": ids are 1-32 letters, digits, "_" or "-".`);
    if (keys.some((k) => k.id === id)) throw new PledgeError('invalid_input', `${where} reuses the id "${id}": give every key its own id, or stored values cannot say which key made them.`);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material)) throw new PledgeError('invalid_input', `${where} ("${id}") is not base64. ${GENERATE}`);
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new PledgeError('invalid_input', `${where} ("${id}") is ${key.length} bytes; AES-256 needs exactly 32 random bytes (44 base64 characters). ${GENERATE}`);
    keys.push({ id, key });
  });
  return keys;
}
