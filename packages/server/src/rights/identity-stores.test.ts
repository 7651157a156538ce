import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { createRequest } from './create-request.js';
import { listIdentityDocuments, purgeIdentityDocuments, readIdentityDocument, submitIdentityProof } from './identity-documents.js';
import { getRequest } from './read-requests.js';
import { refuseRequest } from './decision-actions.js';
import { codeIn, JUPITER_YAML, linkIn, mailsTo, TestClock } from './rights-test-helpers.js';
import { tickTask } from './task-actions.js';
import { verifyCode } from './verify-request.js';
import { askIdentity } from './work-actions.js';

const staff = { type: 'user' as const, id: 'u-staff' };
const PDF = Buffer.from('%PDF-1.4\n% stores\n%%EOF\n', 'latin1');

/** The store-sensitive parts (bytea content, jsonb "via", the purge's sub-select, row locks) on both stores. */
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`identity documents and Art 19 by system on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    const clock = new TestClock(Date.parse('2026-02-02T10:00:00Z'));

    async function confirmed(type: 'access' | 'erasure', email: string) {
      const { requestId, verificationId } = await createRequest(svc.deps, { type, email }, { type: 'public' });
      await verifyCode(svc.deps, verificationId, codeIn((await mailsTo(svc.deps, email)).at(-1)!), { type: 'public' });
      const token = linkIn((await mailsTo(svc.deps, email)).at(-1)!, '/privacy/requests/status/').split('/').at(-1)!;
      return { id: requestId, token };
    }

    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, { identityRetentionDays: 10 }, { clock });
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('seals, reads back and purges a document 10 days after the request is refused', async () => {
      const { id, token } = await confirmed('access', 'stores@example.test');
      await askIdentity(svc.deps, id, staff, 'Photo ID please');
      const { document } = await submitIdentityProof(svc.deps, token, { file: { bytes: PDF, name: 'id.pdf' }, answer: 'here' }, { type: 'public' });
      const read = await readIdentityDocument(svc.deps, id, document!.id, staff);
      expect(read.bytes.equals(PDF)).toBe(true);
      await refuseRequest(svc.deps, id, staff, { ground: 'manifestly_excessive', justification: 'Made every day for a month, identical each time.' });
      clock.set('2026-02-11T10:00:00Z');
      expect(await purgeIdentityDocuments(svc.deps)).toBe(0);
      clock.set('2026-02-13T10:00:00Z');
      expect(await purgeIdentityDocuments(svc.deps)).toBe(1);
      expect((await listIdentityDocuments(svc.deps.store.db, svc.deps.cipher, id))[0]).toMatchObject({ name: null, purgedAt: expect.any(String), sizeBytes: PDF.length });
      await expect(readIdentityDocument(svc.deps, id, document!.id, staff)).rejects.toThrow(/was deleted/);
    });

    it.runIf(available)('merges recipients from simultaneous ticks of two systems without duplicates, keeping every id that led to each', async () => {
      const { id } = await confirmed('erasure', 'merge@example.test');
      const before = await getRequest(svc.deps, id);
      const [a, b] = before.tasks;
      const ticks = await Promise.allSettled([
        tickTask(svc.deps, id, staff, { taskId: a!.id, status: 'done', evidence: 'deleted', touched: ['billing_details'] }),
        tickTask(svc.deps, id, staff, { taskId: b!.id, status: 'done', evidence: 'deleted', touched: ['billing_records', 'stripe'] }),
      ]);
      expect(ticks.every((t) => t.status === 'fulfilled')).toBe(true);
      const view = await getRequest(svc.deps, id);
      expect(view.notifications).toHaveLength(before.notifications.length);
      const stripe = view.notifications.find((n) => n.recipientId === 'stripe')!;
      expect([...(stripe.via ?? [])].sort()).toEqual(['billing_details', 'billing_records', 'stripe']);
      expect(view.notifications.find((n) => n.recipientId === 'authorities')!.category).toBe(true);
    });
  });
}
