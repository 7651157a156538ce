import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { headerAuthenticate, linkIn, mailsTo, TestClock } from '../rights/rights-test-helpers.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { consentState } from './read-consent.js';
import { recordReceipts } from './record-receipts.js';
import { consentTestDeclaration } from './test-fixtures/consent-declaration.js';

const agent = { 'x-test-role': 'agent', 'x-test-user': 'u-agent' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;
const cookieOf = (headers: Record<string, unknown>) => {
  const set = headers['set-cookie'];
  return ((Array.isArray(set) ? set : set ? [set] : []) as string[]).map((c) => c.split(';')[0]).join('; ');
};

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`preference centre objections open a rights request (Art 21(1), Art 12(3)) on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    const clock = new TestClock(Date.parse('2026-03-02T10:00:00Z'));
    let ip = 0;
    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, {}, { authenticate: headerAuthenticate, clock });
      await publishDeclaration(svc.deps, { files: { 'd.yaml': consentTestDeclaration() }, entry: 'd.yaml', actor: { type: 'system' } });
    });
    afterAll(async () => {
      await svc?.dispose();
    });
    const inject = (method: 'GET' | 'POST', url: string, cookie: string, body?: Record<string, string>) =>
      svc.app!.inject({ method, url, remoteAddress: `198.51.100.${++ip % 250}`, headers: { ...(body ? FORM : {}), ...(cookie ? { cookie } : {}) }, ...(body ? { payload: new URLSearchParams(body).toString() } : {}) });

    /** Opens the emailed link as the mailbox's owner; the preference cookie it leaves. */
    async function openLink(email: string): Promise<string> {
      const form = await inject('GET', '/consent/preferences', '');
      const anon = cookieOf(form.headers);
      expect((await inject('POST', '/consent/preferences/link', anon, { csrf: csrfOf(form.body), email })).statusCode).toBe(200);
      const link = /(\/consent\/preferences\?token=[A-Za-z0-9_-]+)/.exec((await mailsTo(svc.deps, email)).at(-1)!.text)![1]!;
      return cookieOf((await inject('GET', link, '')).headers);
    }
    async function save(cookie: string, choices: Record<string, string>) {
      const page = await inject('GET', '/consent/preferences', cookie);
      const res = await inject('POST', '/consent/preferences', cookie, { csrf: csrfOf(page.body), action: 'save', ...choices });
      expect(res.statusCode, res.body).toBe(303);
    }
    const objectionsOf = async (email: string) => {
      const queue = (await svc.app!.inject({ method: 'GET', url: '/api/rights/requests?status=all', headers: agent })).json();
      const objections = (queue.items as { id: string; type: string }[]).filter((i) => i.type === 'objection');
      const views = await Promise.all(objections.map(async (i) => (await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${i.id}`, headers: agent })).json() as { id: string; email: string | null }));
      return views.filter((v) => v.email === email);
    };

    it.runIf(available)('an objection on the emailed link opens one objection request: day 0 today, due a month later, purposes named, identity confirmed by the link, acknowledged by email', async () => {
      const email = 'olu@example.com';
      const cookie = await openLink(email);
      const page = await inject('GET', '/consent/preferences', cookie);
      expect(page.body).toContain('we treat it as a request and reply by email within one month');
      await save(cookie, { 'choice.enquiries': 'refused', 'choice.customer_relationship': 'refused', 'choice.direct_marketing': 'granted' });
      const mine = await objectionsOf(email);
      expect(mine).toHaveLength(1);
      const v = (await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${mine[0]!.id}`, headers: agent })).json();
      // Made Mon 2 Mar 2026 (day 0): one calendar month, Thu 2 Apr 2026 (Art 12(3)).
      expect(v).toMatchObject({ type: 'objection', status: 'received', channel: 'preference_centre', receivedOn: '2026-03-02', dueDate: '2026-04-02', email });
      const names = (await consentState(svc.deps, { email })).targets.filter((t) => t.key === 'enquiries' || t.key === 'customer_relationship').map((t) => t.name);
      expect(names).toHaveLength(2);
      for (const n of names) expect(v.details).toContain(n);
      expect(v.details).toContain('Art 21(1)');
      const marketing = (await consentState(svc.deps, { email })).targets.find((t) => t.key === 'direct_marketing')!.name;
      expect(v.details).not.toContain(marketing);
      const intake = v.timeline.find((e: { kind: string }) => e.kind === 'intake');
      expect(intake.summary).toContain('identity treated as confirmed');
      expect(intake.summary).toContain('preference centre');
      const ack = (await mailsTo(svc.deps, email)).filter((m) => m.subject.startsWith('We received your request'));
      expect(ack).toHaveLength(1);
      expect(ack[0]!.text).toContain('Thu 2 Apr 2026');
      expect(linkIn(ack[0]!, '/privacy/requests/status/')).toMatch(/^\/privacy\/requests\/status\//);
      const record = (await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${mine[0]!.id}/record`, headers: { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' } })).body;
      expect(record).toContain('<th scope="row">Received by</th><td>the preference centre (an objection made through the link emailed to the person)</td>');

      // Saved again (the same objections, or the page reloaded and sent again): no second request, no second email.
      await save(cookie, { 'choice.enquiries': 'refused', 'choice.customer_relationship': 'refused' });
      // Withdrawn and made again while the request is open: still the one request for these purposes.
      await save(cookie, { 'choice.enquiries': 'granted' });
      await save(cookie, { 'choice.enquiries': 'refused' });
      expect(await objectionsOf(email)).toHaveLength(1);
      expect((await mailsTo(svc.deps, email)).filter((m) => m.subject.startsWith('We received your request'))).toHaveLength(1);

      // An objection to a purpose not yet covered opens a request for that purpose only.
      await save(cookie, { 'choice.supplier_relationship': 'refused' });
      const after = await objectionsOf(email);
      expect(after).toHaveLength(2);
      const second = (await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${after.find((r) => r.id !== mine[0]!.id)!.id}`, headers: agent })).json();
      const supplier = (await consentState(svc.deps, { email })).targets.find((t) => t.key === 'supplier_relationship')!.name;
      expect(second.details).toContain(supplier);
      for (const n of names) expect(second.details).not.toContain(n);
    });

    it.runIf(available)('an objection stored without its request (the process stopped between the two) opens it at the next save', async () => {
      const email = 'ada@example.com';
      const cookie = await openLink(email);
      // The receipt as the preference centre stores it, and then nothing: the request was never opened.
      await recordReceipts(svc.deps, [{ person: { email }, choices: { enquiries: 'refused' }, method: 'preference_centre', page: '/consent/preferences' }], { actor: { type: 'public', id: null, requestId: 'crash' }, keyScope: 'preference_centre' });
      expect(await objectionsOf(email)).toHaveLength(0);
      // The person saves the page again, changing nothing about it.
      await save(cookie, { 'choice.enquiries': 'refused' });
      const mine = await objectionsOf(email);
      expect(mine).toHaveLength(1);
      const v = (await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${mine[0]!.id}`, headers: agent })).json();
      expect(v).toMatchObject({ type: 'objection', channel: 'preference_centre', receivedOn: '2026-03-02' });
      await save(cookie, { 'choice.enquiries': 'refused' });
      expect(await objectionsOf(email)).toHaveLength(1);
    });

    it.runIf(available)('once the request is answered, saving the page again is not a new objection; objecting again after withdrawing is', async () => {
      const email = 'reo@example.com';
      const cookie = await openLink(email);
      await save(cookie, { 'choice.enquiries': 'refused' });
      const [first] = await objectionsOf(email);
      expect(first).toBeDefined();
      const officer = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };
      const closed = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${first!.id}/refuse`, headers: officer, payload: { ground: 'manifestly_unfounded', justification: 'Closed for this test: the objection was answered.' } });
      expect(closed.statusCode, closed.body).toBe(200);
      // The same page saved again records the same refusal anew: still the objection answered above.
      await save(cookie, { 'choice.enquiries': 'refused' });
      expect(await objectionsOf(email)).toHaveLength(1);
      // Withdrawn, then made again: a new objection, a new request.
      await save(cookie, { 'choice.enquiries': 'granted' });
      await save(cookie, { 'choice.enquiries': 'refused' });
      expect(await objectionsOf(email)).toHaveLength(2);
    });

    it.runIf(available)('an objection to direct marketing opens no request (absolute, the suppression list acts on it, Art 21(3))', async () => {
      const email = 'dm@example.com';
      const cookie = await openLink(email);
      await save(cookie, { 'choice.direct_marketing': 'refused' });
      expect((await consentState(svc.deps, { email })).targets.find((t) => t.key === 'direct_marketing')!.state).toBe('refused');
      expect(await objectionsOf(email)).toHaveLength(0);
      expect((await mailsTo(svc.deps, email)).filter((m) => m.subject.startsWith('We received your request'))).toHaveLength(0);
    });
  });
}
