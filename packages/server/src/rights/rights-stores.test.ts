import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { codeIn, JUPITER_YAML, mailsTo, TestClock } from './rights-test-helpers.js';
import { createRequest } from './create-request.js';
import { verifyCode } from './verify-request.js';
import { listQueue } from './read-requests.js';
import { getRequest } from './read-requests.js';
import { tickTask } from './task-actions.js';
import { assignRequest } from './work-actions.js';
import { sendRightsReminders } from './send-reminders.js';

const staff = { type: 'user' as const, id: 'u-staff' };

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`rights requests on ${kind}: queue and concurrency`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    const clock = new TestClock(Date.parse('2026-02-02T10:00:00Z'));
    let agentId = '';
    const made: string[] = [];

    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, {}, { clock });
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
      agentId = (await createUser(svc.deps, { email: 'agent@example.test', name: 'Sam Worker', role: 'agent', password: 'correct horse battery staple 2026' }, { type: 'system' })).user.id;
      // Requests on different days, so the queue has several due dates.
      for (let i = 0; i < 7; i++) {
        clock.set(`2026-02-${String(2 + i * 3).padStart(2, '0')}T10:00:00Z`);
        const email = `p${i}@example.test`;
        const { requestId, verificationId } = await createRequest(svc.deps, { type: i % 2 ? 'erasure' : 'access', email }, { type: 'public', ip: `10.1.0.${i}` });
        const code = codeIn((await mailsTo(svc.deps, email)).at(-1)!);
        await verifyCode(svc.deps, verificationId, code, { type: 'public' });
        made.push(requestId);
      }
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('lists the queue in due order with keyset pages that neither skip nor repeat, and counts', async () => {
      clock.set('2026-03-05T10:00:00Z');
      const all = await listQueue(svc.deps, { limit: 200 });
      expect(all.items).toHaveLength(7);
      const dues = all.items.map((i) => i.dueDate!);
      expect([...dues].sort()).toEqual(dues);
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await listQueue(svc.deps, { limit: 3, ...(after ? { after } : {}) });
        seen.push(...page.items.map((i) => i.id));
        if (!page.next) break;
        after = page.next;
      }
      expect(seen).toEqual(all.items.map((i) => i.id));
      expect(all.counts.open).toBe(7);
      const overdue = await listQueue(svc.deps, { due: 'overdue' });
      expect(overdue.items.length).toBe(all.counts.overdue);
      expect(overdue.items.every((i) => i.dueDate! < '2026-03-05')).toBe(true);
      expect((await listQueue(svc.deps, { type: 'erasure' })).items).toHaveLength(3);
    });

    it.runIf(available)('lets only one of two simultaneous uses of a code, and one of two ticks of a task, succeed', async () => {
      clock.set('2026-03-06T10:00:00Z');
      const email = 'race@example.test';
      const { verificationId } = await createRequest(svc.deps, { type: 'access', email }, { type: 'public' });
      const code = codeIn((await mailsTo(svc.deps, email)).at(-1)!);
      const results = await Promise.allSettled([verifyCode(svc.deps, verificationId, code, { type: 'public' }), verifyCode(svc.deps, verificationId, code, { type: 'public' })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/already been used|cannot confirm/);

      const id = made[0]!;
      const task = (await getRequest(svc.deps, id)).tasks[0]!;
      const ticks = await Promise.allSettled([0, 1, 2].map(() => tickTask(svc.deps, id, staff, { taskId: task.id, status: 'done', evidence: 'searched' })));
      expect(ticks.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const assigns = await Promise.allSettled([assignRequest(svc.deps, id, staff, agentId), assignRequest(svc.deps, id, staff, null)]);
      expect(assigns.every((r) => r.status === 'fulfilled')).toBe(true);
      const view = await getRequest(svc.deps, id);
      expect(view.timeline.filter((e) => e.kind === 'tick_task')).toHaveLength(1);
      expect(view.timeline.filter((e) => e.kind === 'assign')).toHaveLength(2);
    });

    it.runIf(available)('sends each reminder once when reminder runs overlap', async () => {
      clock.set('2026-03-20T10:00:00Z');
      const runs = await Promise.all([sendRightsReminders(svc.deps), sendRightsReminders(svc.deps), sendRightsReminders(svc.deps)]);
      const total = runs.reduce((n, r) => n + r.dueSoon + r.overdue, 0);
      const rows = await svc.deps.store.db.selectFrom('rights_reminders').select(['request_id']).execute();
      expect(total).toBe(rows.length);
      expect(rows.length).toBeGreaterThan(0);
      expect(runs.reduce((n, r) => n + r.dueSoon + r.overdue, 0)).toBe((await sendRightsReminders(svc.deps)).dueSoon + total);
    });
  });
}
