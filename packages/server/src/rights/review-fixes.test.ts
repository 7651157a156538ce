import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { PledgeError } from '../errors/pledge-error.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { createRequest, MAX_CODE_ATTEMPTS } from './create-request.js';
import { submitIdentityProof } from './identity-documents.js';
import { codeIn, headerAuthenticate, JUPITER_YAML, linkIn, mailsTo, TestClock } from './rights-test-helpers.js';
import { verifyCode } from './verify-request.js';

/** Defects found in review, each with the test that failed before its fix. */
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
describe(`rights review fixes on ${kind}`, async () => {
  const available = kind === 'pglite' || (await hasPostgres());
  let svc: TestService;
  const clock = new TestClock(Date.parse('2026-01-05T10:00:00Z'));
  let agentId = '';
  let n = 0;
  const actor = () => ({ type: 'public' as const, ip: `10.77.0.${++n}` });
  const agent = () => ({ 'x-test-role': 'agent', 'x-test-user': agentId });
  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => svc.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  /** A request confirmed by code; returns its id. */
  async function confirmed(email: string): Promise<string> {
    const { requestId, verificationId } = await createRequest(svc.deps, { type: 'access', email }, actor());
    const code = codeIn((await mailsTo(svc.deps, email)).filter((m) => m.template === 'rights.code').at(-1)!);
    await verifyCode(svc.deps, verificationId, code, actor());
    return requestId;
  }

  beforeAll(async () => {
    if (!available) return;
    svc = await startTestService(kind, {}, { authenticate: headerAuthenticate, clock });
    await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
    agentId = (await createUser(svc.deps, { email: 'review-agent@example.test', name: 'Rev Agent', role: 'agent', password: 'correct horse battery staple 2026' }, { type: 'system' })).user.id;
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  it.runIf(available)('counts every guess of a code, even guesses sent at the same time: no more than MAX_CODE_ATTEMPTS are ever checked', async () => {
    const email = 'racer@example.test';
    const { verificationId } = await createRequest(svc.deps, { type: 'access', email }, actor());
    const code = codeIn((await mailsTo(svc.deps, email)).at(-1)!);
    const wrong = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.allSettled(wrong.map((c) => verifyCode(svc.deps, verificationId, c, actor())));
    const checked = results.filter((r) => r.status === 'rejected' && r.reason instanceof PledgeError && r.reason.code === 'invalid_input');
    expect(checked.length).toBeLessThanOrEqual(MAX_CODE_ATTEMPTS);
    const v = await svc.deps.store.db.selectFrom('rights_verifications').select(['attempts']).where('id', '=', verificationId).executeTakeFirstOrThrow();
    expect(v.attempts).toBeLessThanOrEqual(MAX_CODE_ATTEMPTS);
    // The right code no longer works either.
    await expect(verifyCode(svc.deps, verificationId, code, actor())).rejects.toMatchObject({ code: 'unprocessable' });
  });

  it.runIf(available)('does not move the relevant time when identity is recorded without having been asked for (after an extension)', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const id = await confirmed('extended-then-id@example.test');
    // Received Mon 5 Jan 2026: due Thu 5 Feb; extended on 20 Jan: three months -> Sun 5 Apr -> (Easter Monday) Tue 7 Apr 2026.
    clock.set('2026-01-20T10:00:00Z');
    const ext = await api('POST', `/api/rights/requests/${id}/extend`, agent(), { reason: 'Data in twelve systems, many years of records' });
    expect(ext.json(), ext.body).toMatchObject({ status: 'in_progress', dueDate: '2026-04-07' });
    // Months later, staff record "identity received" though nobody asked for it: it must not buy more time.
    clock.set('2026-03-20T10:00:00Z');
    const rec = await api('POST', `/api/rights/requests/${id}/identity/received`, agent(), { evidence: 'Passport seen at the front desk' });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json()).toMatchObject({ status: 'in_progress', dueDate: '2026-04-07' });
  });

  it.runIf(available)('sends no reply files while proof of identity is awaited (Art 12(6)): the data would go to someone not yet shown to be the person', async () => {
    clock.set('2026-02-02T10:00:00Z');
    const id = await confirmed('not-yet-identified@example.test');
    const up = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${id}/reply-files?name=account.json`, headers: { ...agent(), 'content-type': 'application/json' }, payload: '[{"name":"Someone"}]' });
    expect(up.statusCode, up.body).toBe(201);
    const pkg = await api('POST', `/api/rights/requests/${id}/reply-package`, agent(), {});
    expect(pkg.statusCode, pkg.body).toBe(201);
    const asked = await api('POST', `/api/rights/requests/${id}/identity/request`, agent(), { message: 'Please send a copy of a recent utility bill.' });
    expect(asked.json()).toMatchObject({ status: 'awaiting_identity' });
    const sent = await api('POST', `/api/rights/requests/${id}/reply-send`, agent(), { fileIds: [pkg.json().file.id] });
    expect(sent.statusCode, sent.body).toBe(409);
    expect(await svc.deps.store.db.selectFrom('reply_links').select('id').where('request_id', '=', id).execute()).toHaveLength(0);
  });

  it.runIf(available)('starts the period on the day the person uploaded the proof asked for, not on the day staff record it (Art 12A)', async () => {
    clock.set('2026-03-02T10:00:00Z');
    const email = 'uploaded-early@example.test';
    const id = await confirmed(email);
    expect((await api('POST', `/api/rights/requests/${id}/identity/request`, agent(), { message: 'Please send a photo ID.' })).json()).toMatchObject({ status: 'awaiting_identity' });
    const token = linkIn((await mailsTo(svc.deps, email)).at(-1)!, '/privacy/requests/status/').split('/').at(-1)!;
    clock.set('2026-03-04T10:00:00Z');
    const pdf = Buffer.from('%PDF-1.7\n% a scanned passport\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
    await submitIdentityProof(svc.deps, token, { file: { bytes: pdf, name: 'passport.pdf', declaredType: 'application/pdf' } }, actor());
    // Staff get to it three weeks later: the period still runs from Wed 4 Mar 2026 (due Sat 4 Apr -> Tue 7 Apr, after Easter Monday).
    clock.set('2026-03-25T10:00:00Z');
    const rec = await api('POST', `/api/rights/requests/${id}/identity/received`, agent(), { evidence: 'Passport checked, not kept' });
    expect(rec.json(), rec.body).toMatchObject({ status: 'in_progress', dueDate: '2026-04-07' });
    expect((await api('GET', `/api/rights/requests/${id}`, agent())).json().relevantTime).toBe('2026-03-04');
  });

  it.runIf(available)('rate-limits the public POST routes that take a status or reply token, per client address', async () => {
    const bogus = 'A'.repeat(43);
    for (const url of [`/privacy/requests/status/${bogus}/identity`, `/privacy/requests/status/${bogus}/answer`, `/reply/${bogus}/download`]) {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await svc.app!.inject({ method: 'POST', url, remoteAddress: '10.99.0.1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'answer=x' })).statusCode);
      }
      expect(statuses, url).toContain(429);
    }
  });

  it.runIf(available)("opens a reply file's content (the person's data from every system) only with rights:work, as identity documents: not to an auditor", async () => {
    clock.set('2026-02-02T10:00:00Z');
    const id = await confirmed('auditor-reads@example.test');
    const up = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${id}/reply-files?name=account.json`, headers: { ...agent(), 'content-type': 'application/json' }, payload: '[{"name":"Someone"}]' });
    expect(up.statusCode, up.body).toBe(201);
    const url = `/api/rights/requests/${id}/reply-files/${up.json().id}/content`;
    expect((await api('GET', url, { 'x-test-role': 'auditor', 'x-test-user': 'u-auditor' })).statusCode).toBe(403);
    expect((await api('GET', url, agent())).statusCode).toBe(200);
    // The list (metadata) stays readable with rights:read.
    expect((await api('GET', `/api/rights/requests/${id}/reply-files`, { 'x-test-role': 'auditor', 'x-test-user': 'u-auditor' })).statusCode).toBe(200);
  });

  it.runIf(available)('does not tell the person the clock is paused when clarification is asked after the period has ended (Art 12A: a run-out clock cannot stop)', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const email = 'asked-too-late@example.test';
    const id = await confirmed(email);
    // Due Thu 5 Feb 2026; the question comes on 20 Feb.
    clock.set('2026-02-20T10:00:00Z');
    const asked = await api('POST', `/api/rights/requests/${id}/clarification`, agent(), { question: 'Which account do you mean?' });
    expect(asked.json(), asked.body).toMatchObject({ status: 'awaiting_clarification', dueDate: '2026-02-05' });
    const mail = (await mailsTo(svc.deps, email)).at(-1)!;
    expect(mail.text).toContain('Which account do you mean?');
    expect(mail.text).not.toContain('paused');
    const view = (await api('GET', `/api/rights/requests/${id}`, agent())).json();
    expect(view.timeline.at(-1).summary).toContain('not stopped');
    // The person's status page says the same: no "paused" while the question is open.
    const status = await svc.app!.inject({ method: 'GET', url: linkIn(mail, '/privacy/requests/status/') });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Which account do you mean?');
    expect(status.body).not.toContain('paused');
  });
});
}
