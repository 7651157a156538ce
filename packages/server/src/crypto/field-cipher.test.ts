import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './create-field-cipher.js';
import { parseEncryptionKeys } from './parse-encryption-keys.js';
import { reencrypt } from './reencrypt.js';

const key = () => randomBytes(32).toString('base64');

describe('field encryption (AES-256-GCM)', () => {
  const k1 = `k1:${key()}`;
  const k2 = `k2:${key()}`;

  it('round-trips text, with a fresh IV each time and the key id in the value', () => {
    const c = createFieldCipher(k1);
    const a = c.encrypt('JBSWY3DPEHPK3PXP ünïcödé', 'users.totp_secret');
    const b = c.encrypt('JBSWY3DPEHPK3PXP ünïcödé', 'users.totp_secret');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(c.decrypt(a, 'users.totp_secret')).toBe('JBSWY3DPEHPK3PXP ünïcödé');
    expect(c.decrypt(c.encrypt(''), undefined)).toBe('');
  });

  it('rotates: a new first key encrypts, old values still decrypt, reencrypt moves them to the new key', () => {
    const old = createFieldCipher(k1);
    const stored = old.encrypt('secret', 'sessions.ip');
    const rotated = createFieldCipher(`${k2},${k1}`);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.decrypt(stored, 'sessions.ip')).toBe('secret');
    const moved = reencrypt(rotated, stored, 'sessions.ip');
    expect(rotated.keyIdOf(moved)).toBe('k2');
    expect(reencrypt(rotated, moved, 'sessions.ip')).toBe(moved);
    // Once every value is moved, the old key can go.
    expect(createFieldCipher(k2).decrypt(moved, 'sessions.ip')).toBe('secret');
    expect(() => createFieldCipher(k2).decrypt(stored, 'sessions.ip')).toThrow(/key "k1", which is not in PLEDGE_ENCRYPTION_KEYS/);
  });

  it('detects tampering with the data, IV, tag or key id', () => {
    const c = createFieldCipher(`${k1},${k2}`);
    const token = c.encrypt('the secret', 'users.totp_secret');
    const parts = token.split(':');
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] = buf[0]! ^ 1;
      return buf.toString('base64');
    };
    for (const i of [2, 3, 4]) {
      const forged = [...parts];
      forged[i] = flip(forged[i]!);
      expect(() => c.decrypt(forged.join(':'), 'users.totp_secret')).toThrow(/altered/);
    }
    const otherKey = [...parts];
    otherKey[1] = 'k2';
    expect(() => c.decrypt(otherKey.join(':'), 'users.totp_secret')).toThrow(/altered/);
    expect(() => c.decrypt('not a ciphertext', 'users.totp_secret')).toThrow(/not a "v1:/);
  });

  it('refuses a value moved to another field (the context is authenticated)', () => {
    const c = createFieldCipher(k1);
    const token = c.encrypt('203.0.113.9', 'sessions.ip');
    expect(() => c.decrypt(token, 'users.totp_secret')).toThrow(/copied from another field/);
    expect(() => c.decrypt(token)).toThrow();
  });

  it('explains malformed keys: which one, and how to make one', () => {
    expect(() => parseEncryptionKeys('')).toThrow(/No encryption key is configured.*randomBytes\(32\)/);
    expect(() => parseEncryptionKeys(key())).toThrow(/key 1 .* has no id/);
    expect(() => parseEncryptionKeys(`k1:${key()},k2:${randomBytes(16).toString('base64')}`)).toThrow(/key 2 .*\("k2"\) is 16 bytes; AES-256 needs exactly 32/);
    expect(() => parseEncryptionKeys(`k1:${key()},k1:${key()}`)).toThrow(/reuses the id "k1"/);
    expect(() => parseEncryptionKeys('k1:not base64!')).toThrow(/\("k1"\) is not base64/);
    expect(() => parseEncryptionKeys(`bad id:${key()}`)).toThrow(/ids are 1-32 letters/);
    const material = key();
    try {
      parseEncryptionKeys(`k1:${material.slice(0, 20)}`);
    } catch (e) {
      expect((e as Error).message).not.toContain(material.slice(0, 20));
    }
    expect(parseEncryptionKeys(` k1:${key()} , k2:${key()} `).map((k) => k.id)).toEqual(['k1', 'k2']);
  });
});
