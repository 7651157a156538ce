import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { readAudit } from '../audit/read-audit.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { confirmedRequest, headerAuthenticate, JUPITER_YAML, TestClock } from './rights-test-helpers.js';

const officer = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };
const auditor = { 'x-test-role': 'auditor', 'x-test-user': 'u-auditor' };

interface Item {
  id: string;
  ref: string;
  type: string;
  status: string;
  dueDate: string | null;
  assigneeId: string | null;
  linkedCount: number;
  repeatsInLast12Months: number;
}

/**
 * The staff queue's filters and counts through the HTTP route, staff notes and answers recorded by hand, and linking
 * requests by hand (the same person at two addresses) with the repeats they add (Art 12(5)); on both stores.
 */
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`rights queue, notes and links on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    const clock = new TestClock(Date.parse('2026-03-02T10:00:00Z'));
    let agent: Record<string, string> = {};
    const ids = {} as { early: string; erase: string; late: string; paused: string; otherAddress: string };
    const api = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => svc.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const queue = async (query: string): Promise<{ items: Item[]; counts: Record<string, unknown> & { byStatus: Record<string, number> } }> => {
      const res = await api('GET', `/api/rights/requests${query}`, officer);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, {}, { authenticate: headerAuthenticate, clock });
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
      const agentId = (await createUser(svc.deps, { email: 'agent@example.test', name: 'Sam Worker', role: 'agent', password: 'correct horse battery staple 2026' }, { type: 'system' })).user.id;
      agent = { 'x-test-role': 'agent', 'x-test-user': agentId };
      // Received Mon 2 Mar 2026: due Thu 2 Apr 2026.
      ids.early = await confirmedRequest(svc.deps, { type: 'access', email: 'early@example.test' });
      ids.erase = await confirmedRequest(svc.deps, { type: 'erasure', email: 'erase@example.test' });
      // Received Mon 16 Mar 2026: due Thu 16 Apr 2026.
      clock.set('2026-03-16T10:00:00Z');
      ids.late = await confirmedRequest(svc.deps, { type: 'access', email: 'late@example.test' });
      ids.paused = await confirmedRequest(svc.deps, { type: 'rectification', email: 'paused@example.test', details: 'My postal address is wrong.' });
      ids.otherAddress = await confirmedRequest(svc.deps, { type: 'access', email: 'early.new@example.test' });
      expect((await api('POST', `/api/rights/requests/${ids.late}/assign`, agent, { assigneeId: agentId })).statusCode).toBe(200);
      expect((await api('POST', `/api/rights/requests/${ids.paused}/clarification`, agent, { question: 'Which record is wrong?' })).json()).toMatchObject({ status: 'awaiting_clarification', dueDate: null });
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('filters by due soon, paused, one status and type, and counts due soon, paused, unassigned and by status', async () => {
      // Wed 1 Apr: the reminder window (5 days) reaches Mon 6 Apr, so the two due Thu 2 Apr are due soon.
      clock.set('2026-04-01T09:00:00Z');
      const open = await queue('');
      expect(open.items.map((i) => i.id).sort()).toEqual(Object.values(ids).sort());
      expect(open.counts).toMatchObject({ open: 5, overdue: 0, dueSoon: 2, paused: 1, unassigned: 4, byStatus: { received: 3, in_progress: 1, awaiting_clarification: 1 }, customerDueSoon: 0, customerOverdue: 0 });

      const soon = await queue('?due=due_soon');
      expect(soon.items.map((i) => i.id).sort()).toEqual([ids.early, ids.erase].sort());
      expect(soon.items.every((i) => i.dueDate === '2026-04-02')).toBe(true);
      const paused = await queue('?due=paused');
      expect(paused.items.map((i) => [i.id, i.status, i.dueDate])).toEqual([[ids.paused, 'awaiting_clarification', null]]);
      const oneStatus = await queue('?status=in_progress');
      expect(oneStatus.items.map((i) => [i.id, i.assigneeId])).toEqual([[ids.late, agent['x-test-user']]]);
      const erasures = await queue('?type=erasure');
      expect(erasures.items.map((i) => i.id)).toEqual([ids.erase]);
      const unassignedAccess = await queue('?type=access&assignee=none');
      expect(unassignedAccess.items.map((i) => i.id).sort()).toEqual([ids.early, ids.otherAddress].sort());
      expect((await api('GET', '/api/rights/requests?due=someday', officer)).statusCode).toBe(400);
      expect((await api('GET', '/api/rights/requests?type=everything', officer)).statusCode).toBe(400);
    });

    it.runIf(available)('adds a staff note to the timeline, encrypted and audited; refuses an empty one', async () => {
      const res = await api('POST', `/api/rights/requests/${ids.early}/notes`, agent, { text: 'Called the person <b>back</b>; they want the 2024 emails too.' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: ids.early, status: 'received' });
      expect((await api('POST', `/api/rights/requests/${ids.early}/notes`, agent, { text: '   ' })).statusCode).toBe(400);
      expect((await api('POST', `/api/rights/requests/${ids.early}/notes`, auditor, { text: 'not allowed' })).statusCode).toBe(403);
      const view = (await api('GET', `/api/rights/requests/${ids.early}`, officer)).json();
      expect(view.timeline.at(-1)).toMatchObject({ kind: 'note', summary: 'Note added', text: 'Called the person <b>back</b>; they want the 2024 emails too.' });
      const stored = await svc.deps.store.db.selectFrom('rights_request_events').select(['body_enc']).where('request_id', '=', ids.early).where('kind', '=', 'note').executeTakeFirstOrThrow();
      expect(stored.body_enc).not.toContain('2024 emails');
      expect((await readAudit(svc.deps.store.db, { action: 'rights.note' })).some((e) => e.subjectId === ids.early)).toBe(true);
    });

    it.runIf(available)("records the person's answer given another way: the clock resumes, later by the days it stood still", async () => {
      // Asked Mon 16 Mar; answered by phone Mon 23 Mar: 7 days paused (the clock resumes the day after the answer).
      clock.set('2026-03-23T15:00:00Z');
      expect((await api('POST', `/api/rights/requests/${ids.paused}/clarification/answer`, agent, { answer: '' })).statusCode).toBe(400);
      const res = await api('POST', `/api/rights/requests/${ids.paused}/clarification/answer`, agent, { answer: 'By phone: the postal address on the 2025 invoice.' });
      expect(res.statusCode, res.body).toBe(200);
      // Due Thu 16 Apr + 7 days = Thu 23 Apr 2026.
      expect(res.json()).toMatchObject({ status: 'in_progress', dueDate: '2026-04-23' });
      const view = (await api('GET', `/api/rights/requests/${ids.paused}`, officer)).json();
      expect(view).toMatchObject({ pausedDays: 7, pausedSince: null, dueDate: '2026-04-23' });
      expect(view.timeline.at(-1)).toMatchObject({ kind: 'clarification_answered', text: 'By phone: the postal address on the 2025 invoice.' });
      expect((await api('POST', `/api/rights/requests/${ids.paused}/clarification/answer`, agent, { answer: 'again' })).statusCode).toBe(409);
      clock.set('2026-04-01T09:00:00Z');
      expect((await queue('?due=paused')).items).toEqual([]);
    });

    it.runIf(available)('links two requests by hand (the same person at another address), audited on both, counted as repeats; unlinks', async () => {
      clock.set('2026-04-01T09:00:00Z');
      const link = (headers: Record<string, string>, payload: object, id = ids.otherAddress) => api('POST', `/api/rights/requests/${id}/links`, headers, payload);
      expect((await link(auditor, { otherId: ids.early, reason: 'same name' })).statusCode).toBe(403);
      expect((await link(agent, { otherId: ids.early, reason: '' })).statusCode).toBe(400);
      expect((await link(agent, { otherId: ids.otherAddress, reason: 'itself' })).statusCode).toBe(400);
      expect((await link(agent, { otherId: '00000000-0000-4000-8000-000000000000', reason: 'nobody' })).statusCode).toBe(404);
      const res = await link(agent, { otherId: ids.early, reason: 'Same name and school; wrote from a new address.' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id: ids.otherAddress, otherId: ids.early, linked: true });
      const again = await link(agent, { otherId: ids.otherAddress, reason: 'twice' }, ids.early);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain('linked already');

      // The later request (16 Mar) has one earlier request from the same person in the 12 months before it; the earlier one none.
      const later = (await api('GET', `/api/rights/requests/${ids.otherAddress}`, officer)).json();
      expect(later.linked).toEqual([expect.objectContaining({ id: ids.early, how: 'by_hand', type: 'access', linkedBy: agent['x-test-user'] })]);
      expect(later).toMatchObject({ linkedCount: 1, repeatsInLast12Months: 1 });
      const earlier = (await api('GET', `/api/rights/requests/${ids.early}`, officer)).json();
      expect(earlier.linked.map((l: { id: string; how: string }) => [l.id, l.how])).toEqual([[ids.otherAddress, 'by_hand']]);
      expect(earlier).toMatchObject({ linkedCount: 1, repeatsInLast12Months: 0 });
      for (const v of [later, earlier]) expect(v.timeline.at(-1)).toMatchObject({ kind: 'linked', text: 'Same name and school; wrote from a new address.' });
      const items = new Map((await queue('?status=all')).items.map((i) => [i.id, i]));
      expect(items.get(ids.otherAddress)).toMatchObject({ linkedCount: 1, repeatsInLast12Months: 1 });
      expect(items.get(ids.early)).toMatchObject({ linkedCount: 1, repeatsInLast12Months: 0 });
      expect(items.get(ids.erase)).toMatchObject({ linkedCount: 0, repeatsInLast12Months: 0 });
      const audits = (await readAudit(svc.deps.store.db, { action: 'rights.linked' })).map((e) => e.subjectId);
      expect(audits.sort()).toEqual([ids.early, ids.otherAddress].sort());

      expect((await api('DELETE', `/api/rights/requests/${ids.early}/links/${ids.otherAddress}`, auditor)).statusCode).toBe(403);
      const gone = await api('DELETE', `/api/rights/requests/${ids.early}/links/${ids.otherAddress}`, agent);
      expect(gone.statusCode, gone.body).toBe(200);
      expect(gone.json()).toEqual({ id: ids.early, otherId: ids.otherAddress, linked: false });
      expect((await api('DELETE', `/api/rights/requests/${ids.early}/links/${ids.otherAddress}`, agent)).statusCode).toBe(404);
      const after = (await api('GET', `/api/rights/requests/${ids.otherAddress}`, officer)).json();
      expect(after).toMatchObject({ linked: [], linkedCount: 0, repeatsInLast12Months: 0 });
      expect(after.timeline.at(-1)).toMatchObject({ kind: 'unlinked' });
      expect((await readAudit(svc.deps.store.db, { action: 'rights.unlinked' })).length).toBe(2);
      expect((await verifyAudit(svc.deps.store.db)).ok).toBe(true);
    });

    it.runIf(available)('counts requests from the same address as linked, and as repeats only within the 12 months before each', async () => {
      clock.set('2025-03-01T10:00:00Z');
      const old = await confirmedRequest(svc.deps, { type: 'access', email: 'again@example.test' });
      clock.set('2025-04-15T10:00:00Z');
      const mid = await confirmedRequest(svc.deps, { type: 'erasure', email: 'again@example.test' });
      clock.set('2026-03-20T10:00:00Z');
      const recent = await confirmedRequest(svc.deps, { type: 'access', email: 'Again@Example.test' });
      clock.set('2026-03-21T10:00:00Z');
      const latest = await confirmedRequest(svc.deps, { type: 'portability', email: 'again@example.test' });
      const view = (await api('GET', `/api/rights/requests/${latest}`, officer)).json();
      // Linked: all the others; repeats: those of 15 Apr 2025 and 20 Mar 2026 (1 Mar 2025 is more than 12 months before).
      expect(view.linked.map((l: { id: string; how: string }) => [l.id, l.how])).toEqual([
        [recent, 'same_address'],
        [mid, 'same_address'],
        [old, 'same_address'],
      ]);
      expect(view).toMatchObject({ linkedCount: 3, repeatsInLast12Months: 2 });
      const item = (await queue('?type=portability')).items.find((i) => i.id === latest);
      expect(item).toMatchObject({ linkedCount: 3, repeatsInLast12Months: 2 });
      // The window is the 12 months before each request, not before today: 15 Apr 2025 had one (1 Mar 2025), the first none.
      const items = new Map((await queue('?status=all&limit=200')).items.map((i) => [i.id, i]));
      expect(items.get(mid)).toMatchObject({ linkedCount: 3, repeatsInLast12Months: 1 });
      expect(items.get(old)).toMatchObject({ linkedCount: 3, repeatsInLast12Months: 0 });
      expect((await api('GET', `/api/rights/requests/${mid}`, officer)).json()).toMatchObject({ repeatsInLast12Months: 1 });
      const link = await api('POST', `/api/rights/requests/${latest}/links`, agent, { otherId: recent, reason: 'same person' });
      expect(link.statusCode).toBe(409);
      expect(link.json().error.message).toContain('same email address');
    });
  });
}
