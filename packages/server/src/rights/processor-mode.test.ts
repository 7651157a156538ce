import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { confirmedRequest, headerAuthenticate, JUPITER_YAML, mailsTo, TestClock } from './rights-test-helpers.js';
import { sendRightsReminders } from './send-reminders.js';

/** Jupiter's declaration with a contact address for the customers of its processor activity. */
const DECLARED_CONTACT = 'dpo@customers.example';
const YAML = JUPITER_YAML.replace('      - name: Jupiter customers who upload learner data\n', `      - name: Jupiter customers who upload learner data\n        email: ${DECLARED_CONTACT}\n`);

const officer = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };

/**
 * Processor mode end to end at service level: the request passed to the customer contact the declaration gives, the
 * customer's instruction tracked against the declared 30 days, reminded before and escalated after (once each, even
 * when runs overlap), the queue's filter and counts, and the task ticked with evidence of completion.
 */
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`processor mode on ${kind}: the customer's instruction`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    const clock = new TestClock(Date.parse('2026-04-01T10:00:00Z'));
    let agent: Record<string, string> = {};
    let id = '';
    const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => svc.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const customerQueue = async (due: 'customer_due_soon' | 'customer_overdue') => {
      const res = await api('GET', `/api/rights/requests?due=${due}`, officer);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string; customerDueDate: string | null }[]; counts: { customerDueSoon: number; customerOverdue: number } };
    };
    /** Staff mail about the customer's instruction on this request. */
    const customerMails = async (to: string, prefix: string) => (await mailsTo(svc.deps, to)).filter((m) => m.subject.startsWith(prefix) && m.subject.includes("the customer's instruction"));

    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, {}, { authenticate: headerAuthenticate, clock });
      expect(YAML).toContain(`email: ${DECLARED_CONTACT}`);
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
      const agentId = (await createUser(svc.deps, { email: 'agent@example.test', name: 'Sam Worker', role: 'agent', password: 'correct horse battery staple 2026' }, { type: 'system' })).user.id;
      await createUser(svc.deps, { email: 'officer@example.test', name: 'Olive Officer', role: 'privacy_officer', password: 'correct horse battery staple 2026' }, { type: 'system' });
      agent = { 'x-test-role': 'agent', 'x-test-user': agentId };
      id = await confirmedRequest(svc.deps, { type: 'erasure', email: 'learner@example.test', processorActivity: 'learner_data', customerName: 'Hill School' });
      expect((await api('POST', `/api/rights/requests/${id}/assign`, agent, { assigneeId: agentId })).statusCode).toBe(200);
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('passes the request to the customer contact the declaration gives, without one being typed in', async () => {
      const routed = await api('POST', `/api/rights/requests/${id}/route-to-customer`, agent, {});
      expect(routed.statusCode, routed.body).toBe(200);
      expect(routed.json()).toMatchObject({ status: 'awaiting_customer' });
      const toCustomer = await mailsTo(svc.deps, DECLARED_CONTACT);
      expect(toCustomer).toHaveLength(1);
      expect(toCustomer[0]!.text).toContain('learner@example.test');
      expect(toCustomer[0]!.text).toContain('within 30 days');
      const view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
      expect(view.customer).toEqual({ name: 'Hill School', email: DECLARED_CONTACT, dueDate: null });
      expect((await mailsTo(svc.deps, 'learner@example.test')).at(-1)!.text).toContain('on behalf of Hill School');
    });

    it.runIf(available)("tracks the instruction against the declared 30 days: listed and reminded before, escalated after, once each", async () => {
      clock.set('2026-04-03T10:00:00Z');
      const recorded = await api('POST', `/api/rights/requests/${id}/customer-instruction`, agent, { instruction: 'Delete this learner from every system.', receivedOn: '2026-04-02' });
      expect(recorded.statusCode, recorded.body).toBe(200);
      const view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
      // 2 Apr + 30 days = Sat 2 May 2026 (the period agreed with the customer, as the declaration states it).
      expect(view.customer.dueDate).toBe('2026-05-02');
      expect(view.customerDueDate).toBe('2026-05-02');

      // Three weeks before: nothing due yet.
      clock.set('2026-04-20T09:00:00Z');
      expect((await customerQueue('customer_due_soon')).items).toEqual([]);
      expect((await sendRightsReminders(svc.deps)).customerDueSoon).toBe(0);

      // Tue 28 Apr: within the 5-day window. Listed and counted; the assignee is reminded once, however many runs.
      clock.set('2026-04-28T09:00:00Z');
      const soon = await customerQueue('customer_due_soon');
      expect(soon.items).toEqual([expect.objectContaining({ id, customerDueDate: '2026-05-02' })]);
      expect(soon.counts).toMatchObject({ customerDueSoon: 1, customerOverdue: 0 });
      expect((await customerQueue('customer_overdue')).items).toEqual([]);
      const runs = await Promise.all([sendRightsReminders(svc.deps), sendRightsReminders(svc.deps)]);
      expect(runs.reduce((n, r) => n + r.customerDueSoon, 0)).toBe(1);
      expect((await sendRightsReminders(svc.deps)).customerDueSoon).toBe(0);
      const reminded = await customerMails('agent@example.test', 'Due Sat 2 May 2026');
      expect(reminded).toHaveLength(1);
      expect(reminded[0]!.text).toContain('is to be carried out by the end of Sat 2 May 2026');
      expect(await customerMails('officer@example.test', 'Due')).toHaveLength(0);

      // Mon 4 May: the promised day has passed with the task open. Escalated to the assignee and the privacy officers, once.
      clock.set('2026-05-04T09:00:00Z');
      const overdue = await customerQueue('customer_overdue');
      expect(overdue.items.map((i) => i.id)).toEqual([id]);
      expect(overdue.counts).toMatchObject({ customerDueSoon: 0, customerOverdue: 1 });
      const late = await Promise.all([sendRightsReminders(svc.deps), sendRightsReminders(svc.deps)]);
      expect(late.reduce((n, r) => n + r.customerOverdue, 0)).toBe(1);
      for (const to of ['officer@example.test', 'agent@example.test']) {
        const escalated = await customerMails(to, 'OVERDUE');
        expect(escalated, to).toHaveLength(1);
        expect(escalated[0]!.subject).toContain('was due Sat 2 May 2026');
        expect(escalated[0]!.text).toContain('Art 28(3)(e)');
      }
      const timeline = (await api('GET', `/api/rights/requests/${id}`, officer)).json().timeline as { kind: string }[];
      expect(timeline.filter((e) => e.kind === 'customer_reminded')).toHaveLength(1);
      expect(timeline.filter((e) => e.kind === 'customer_escalated')).toHaveLength(1);
    });

    it.runIf(available)('closes the instruction when its task is ticked with evidence of completion: no longer listed or reminded', async () => {
      const view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
      const task = view.tasks.find((t: { key: string }) => t.key === 'customer-instruction');
      expect(task).toMatchObject({ status: 'open', dueDate: '2026-05-02' });
      expect((await api('POST', `/api/rights/requests/${id}/tasks/${task.id}`, agent, { status: 'done', evidence: '' })).statusCode).toBe(400);
      const ticked = await api('POST', `/api/rights/requests/${id}/tasks/${task.id}`, agent, { status: 'done', evidence: 'Deleted from the learner database and backups queue; deletion job 4411, 4 May 2026.' });
      expect(ticked.statusCode, ticked.body).toBe(200);
      const after = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
      expect(after.tasks.find((t: { key: string }) => t.key === 'customer-instruction')).toMatchObject({ status: 'done', evidence: 'Deleted from the learner database and backups queue; deletion job 4411, 4 May 2026.', tickedBy: agent['x-test-user'] });
      expect(after.customerDueDate).toBeNull();
      expect(after.customer.dueDate).toBe('2026-05-02');
      const overdue = await customerQueue('customer_overdue');
      expect(overdue.items).toEqual([]);
      expect(overdue.counts.customerOverdue).toBe(0);
      clock.set('2026-05-06T09:00:00Z');
      expect((await sendRightsReminders(svc.deps)).customerOverdue).toBe(0);
    });
  });
}
