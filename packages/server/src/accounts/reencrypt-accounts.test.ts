import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../crypto/create-field-cipher.js';
import { reencryptColumn } from '../crypto/reencrypt-column.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { createUser } from './create-user.js';

// Key rotation on real stores: values under the old key are rewritten under the new one, in batches, re-runnable.
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`key rotation of stored secrets on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (available) svc = await startTestService(kind);
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('re-encrypts every TOTP secret under the new first key', async () => {
      const db = svc.deps.store.db;
      const oldCipher = svc.deps.cipher;
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const { user } = await createUser(svc.deps, { email: `rot${i}@example.test`, name: `Rot ${i}`, role: 'agent' }, { type: 'system' });
        await db.updateTable('users').set({ totp_secret: oldCipher.encrypt(`SECRET${i}`, 'users.totp_secret') }).where('id', '=', user.id).execute();
        ids.push(user.id);
      }
      const rotated = createFieldCipher(`k2:${randomBytes(32).toString('base64')},${svc.deps.config.encryptionKeys}`);
      const col = { table: 'users', key: 'id', column: 'totp_secret', context: 'users.totp_secret' };
      expect(await reencryptColumn(db, rotated, col, 3)).toBe(7);
      expect(await reencryptColumn(db, rotated, col, 3)).toBe(0);
      const rows = await db.selectFrom('users').select(['id', 'totp_secret']).where('id', 'in', ids).orderBy('email').execute();
      expect(rows.map((r) => rotated.keyIdOf(r.totp_secret!))).toEqual(Array(7).fill('k2'));
      expect(rows.map((r) => rotated.decrypt(r.totp_secret!, 'users.totp_secret'))).toEqual(ids.map((_, i) => `SECRET${i}`));
    });
  });
}
