import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { readAudit } from '../audit/read-audit.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { csrfOf, FormBrowser } from '../staff-pages/form-browser.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { sendRightsReminders } from './send-reminders.js';
import { isSuppressed } from '../suppression/is-suppressed.js';
import { codeIn, confirmedThroughForm, headerAuthenticate, JUPITER_YAML, linkIn, mailsTo, submitRequest, TestClock } from './rights-test-helpers.js';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>\u0000\u001b[31m "quoted" & done';
const agentHeaders = (id: string) => ({ 'x-test-role': 'agent', 'x-test-user': id });
const officer = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };

describe('rights requests on PGlite: public centre, verification, staff actions', () => {
  let svc: TestService;
  const clock = new TestClock(Date.parse('2026-01-31T10:00:00Z'));
  let agentId = '';
  let ipN = 0;
  const browser = () => new FormBrowser(svc.app!, `10.20.${Math.floor(ipN / 200)}.${(ipN++ % 200) + 1}`);
  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => svc.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  /** A confirmed request through the public form: its id and the browser that sent it. */
  async function confirmed(type: string, email: string, fields: Record<string, string> = {}) {
    const b = browser();
    const { id } = await confirmedThroughForm(svc.deps, b, type, email, fields);
    return { id, b };
  }

  beforeAll(async () => {
    svc = await startTestService('pglite', {}, { authenticate: headerAuthenticate, clock });
    await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
    agentId = (await createUser(svc.deps, { email: 'agent@example.test', name: 'Sam Worker', role: 'agent', password: 'correct horse battery staple 2026' }, { type: 'system' })).user.id;
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  it('offers one plain-words choice per right and "something else", and a form for each', async () => {
    const b = browser();
    const res = await b.get('/privacy/requests');
    expect(res.statusCode).toBe(200);
    for (const t of ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdraw_consent', 'other']) expect(res.body).toContain(`href="/privacy/requests/new/${t}"`);
    expect(res.body).toContain('Something else');
    expect(res.body).toContain('Jupiter · Privacy centre');
    expect(res.body).not.toMatch(/<script/i);
    const form = await b.get('/privacy/requests/new/erasure');
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).toContain('Managing learner data for our customers');
    expect((await b.get('/privacy/requests/new/nonsense')).statusCode).toBe(404);
  });

  it('refuses an invalid email with a clear message, showing the input escaped', async () => {
    const res = await submitRequest(browser(), 'access', { email: 'not-an-email<b>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('is not an email address');
    expect(res.body).toContain('not-an-email&lt;b&gt;');
    expect(res.body).not.toContain('<b>');
    const missing = await submitRequest(browser(), 'other', { email: 'person@example.test', details: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('please tell us');
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await browser().post('/privacy/requests/new/access', { email: 'x@example.test' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('had expired');
  });

  it('confirms by code: wrong codes are counted and stopped after 5, a new code works once, replay is refused; hostile text is stored encrypted and shown escaped', async () => {
    const email = 'ada@example.test';
    const b = browser();
    const res = await submitRequest(b, 'access', { email, name: 'Ada', details: HOSTILE });
    expect(res.statusCode, res.body).toBe(303);
    const verify = res.headers.location as string;
    expect(verify).toMatch(/^\/privacy\/requests\/verify\/[0-9a-f-]{36}$/);
    // Nothing in clear at rest: not the address, not the words, not the code.
    const stored = await svc.deps.store.db.selectFrom('rights_requests').selectAll().orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(stored.status).toBe('unverified');
    expect(JSON.stringify(stored)).not.toContain('ada@example.test');
    expect(JSON.stringify(stored)).not.toContain('script');
    const mail = (await mailsTo(svc.deps, email)).at(-1)!;
    expect(mail.template).toBe('rights.code');
    const code = codeIn(mail);
    const v = await svc.deps.store.db.selectFrom('rights_verifications').selectAll().where('request_id', '=', stored.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(v)).not.toContain(code);
    // Staff do not see it yet.
    expect((await api('GET', `/api/rights/requests/${stored.id}`, officer)).statusCode).toBe(404);

    const page = await b.get(verify);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      const r = await b.post(verify, { _csrf: csrfOf(page.body), code: wrong });
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain(i < 5 ? `${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left` : 'no longer works');
    }
    const locked = await b.post(verify, { _csrf: csrfOf(page.body), code });
    expect(locked.statusCode).toBe(422);
    expect(locked.body).toContain('no longer works');

    const resent = await b.post(`${verify}/resend`, { _csrf: csrfOf(page.body) });
    expect(resent.statusCode).toBe(303);
    const verify2 = resent.headers.location!.split('?')[0]!;
    const code2 = codeIn((await mailsTo(svc.deps, email)).at(-1)!);
    const old = await b.post(verify, { _csrf: csrfOf(page.body), code });
    expect(old.body).toContain('newer code');
    const ok = await b.post(verify2, { _csrf: csrfOf(page.body), code: code2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.body).toContain('Request received');
    // Received Sat 31 Jan 2026: one month -> Sat 28 Feb -> Mon 2 Mar 2026 (UK-RULES worked example).
    expect(ok.body).toContain('Mon 2 Mar 2026');
    const replay = await b.post(verify2, { _csrf: csrfOf(page.body), code: code2 });
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain('already been used');

    const ack = (await mailsTo(svc.deps, email)).at(-1)!;
    expect(ack.template).toBe('rights.notice');
    expect(ack.subject).toMatch(/We received your request \(R-\d+\)/);
    const statusPath = linkIn(ack, '/privacy/requests/status/');
    // 256-bit token (43 base64url characters), stored only as a hash.
    expect(statusPath.split('/').at(-1)).toHaveLength(43);
    const status = await b.get(statusPath);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Reply due by');
    expect(status.body).toContain('Mon 2 Mar 2026');
    expect((await b.get('/privacy/requests/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);

    const view = (await api('GET', `/api/rights/requests/${stored.id}`, officer)).json();
    expect(view).toMatchObject({ status: 'received', email, name: 'Ada', receivedOn: '2026-01-31', dueDate: '2026-03-02', dueApplied: 'statutory', declarationVersion: 1 });
    expect(view.details).toContain('<script>alert(1)</script>');
    expect(view.details).not.toContain('\u0000');
    expect(view.details).not.toContain('\u001b');
    expect(view.tasks[0].key).toBe('own-systems');
    expect(view.clock.steps.join('\n')).toContain('Identity information received');
    const record = await api('GET', `/api/rights/requests/${stored.id}/record`, officer);
    expect(record.headers['content-type']).toContain('text/html');
    expect(record.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(record.body).not.toMatch(/<script|<img/i);
    expect(record.body).toContain('How the due date was computed');
  });

  it('confirms by the emailed link with a button (a scanner opening it confirms nothing); the link works once; codes expire after 15 minutes', async () => {
    const email = 'link@example.test';
    const b = browser();
    await submitRequest(b, 'portability', { email });
    const path = linkIn((await mailsTo(svc.deps, email)).at(-1)!, '/privacy/requests/confirm/');
    const page = await b.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirm my request');
    const row = await svc.deps.store.db.selectFrom('rights_requests').select(['status']).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(row.status).toBe('unverified');
    const ok = await b.post(path, { _csrf: csrfOf(page.body) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await b.post(path, { _csrf: csrfOf(page.body) })).statusCode).toBe(409);

    const late = 'late@example.test';
    const res = await submitRequest(b, 'access', { email: late });
    const code = codeIn((await mailsTo(svc.deps, late)).at(-1)!);
    clock.advance(16 * 60_000);
    const expired = await b.post(res.headers.location as string, { _csrf: csrfOf(page.body), code });
    expect(expired.statusCode).toBe(422);
    expect(expired.body).toContain('expired');
  });

  it('limits codes per address per hour, whatever the client address', async () => {
    const email = 'flood@example.test';
    for (let i = 0; i < 3; i++) expect((await submitRequest(browser(), 'access', { email })).statusCode).toBe(303);
    const fourth = await submitRequest(browser(), 'access', { email });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.body).toContain('already sent 3 codes');
    expect((await mailsTo(svc.deps, email)).filter((m) => m.template === 'rights.code')).toHaveLength(3);
  });

  it('stops guessing per client address with a rate limit on the form posts', async () => {
    const b = browser();
    const page = await b.get('/privacy/requests/verify/00000000-0000-4000-8000-000000000000');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await b.post('/privacy/requests/verify/00000000-0000-4000-8000-000000000000', { _csrf: csrfOf(page.body), code: '123456' })).statusCode);
    expect(statuses).toContain(429);
  });

  it('pauses for clarification (the person answers on the status page), never shortening; extends only within the first month, telling the person', async () => {
    clock.set('2026-01-31T10:00:00Z');
    const email = 'clara@example.test';
    const { id, b } = await confirmed('access', email);
    expect((await api('POST', `/api/rights/requests/${id}/assign`, agentHeaders(agentId), { assigneeId: agentId })).json()).toMatchObject({ status: 'in_progress', dueDate: '2026-03-02' });
    expect((await api('POST', `/api/rights/requests/${id}/assign`, agentHeaders(agentId), { assigneeId: 'nobody' })).statusCode).toBe(400);
    clock.set('2026-02-10T09:00:00Z');
    const asked = await api('POST', `/api/rights/requests/${id}/clarification`, agentHeaders(agentId), { question: 'Which account <b>?' });
    expect(asked.json()).toMatchObject({ status: 'awaiting_clarification', dueDate: null });
    const mail = (await mailsTo(svc.deps, email)).at(-1)!;
    expect(mail.subject).toContain('We need more information');
    expect(mail.html).toContain('Which account &lt;b&gt;?');
    const statusPath = linkIn(mail, '/privacy/requests/status/');
    clock.set('2026-02-17T09:00:00Z');
    const page = await b.get(statusPath);
    expect(page.body).toContain('Which account &lt;b&gt;?');
    const answered = await b.post(`${statusPath}/answer`, { _csrf: csrfOf(page.body), answer: 'The one with my school email' });
    expect(answered.statusCode).toBe(303);
    let view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    // Paused 10 Feb -> 17 Feb: 7 days (resume the day after the answer): 2 Mar + ... = 28 Feb + 7 = 7 Mar (Sat) -> Mon 9 Mar.
    expect(view).toMatchObject({ status: 'in_progress', dueDate: '2026-03-09', pausedDays: 7 });
    expect(view.dueDate >= '2026-03-02').toBe(true);
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'verify', 'assign', 'ask_clarification', 'clarification_answered']);

    expect((await api('POST', `/api/rights/requests/${id}/extend`, agentHeaders(agentId), { reason: '' })).statusCode).toBe(400);
    const ext = await api('POST', `/api/rights/requests/${id}/extend`, agentHeaders(agentId), { reason: 'You asked about six years of data held in four systems.' });
    expect(ext.statusCode, ext.body).toBe(200);
    view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.extended).toBe(true);
    expect(view.dueDate > '2026-04-30').toBe(true);
    const told = (await mailsTo(svc.deps, email)).at(-1)!;
    expect(told.text).toContain('six years of data');
    expect(told.text).toContain('Information Commissioner');
    expect((await api('POST', `/api/rights/requests/${id}/extend`, agentHeaders(agentId), { reason: 'again' })).json().error.message).toContain('already extended');

    // Another request, extended too late: refused (Art 12(3)).
    clock.set('2026-01-31T10:00:00Z');
    const late = await confirmed('access', 'late-ext@example.test');
    clock.set('2026-03-03T10:00:00Z');
    const refused = await api('POST', `/api/rights/requests/${late.id}/extend`, agentHeaders(agentId), { reason: 'complex' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('first month ended on Mon 2 Mar 2026');
  });

  it('moves the relevant time to the arrival of identity proof (Art 12(6)) and of a fee', async () => {
    clock.set('2026-03-02T10:00:00Z');
    const { id } = await confirmed('access', 'ida@example.test');
    expect((await api('POST', `/api/rights/requests/${id}/identity/request`, agentHeaders(agentId), { message: 'Please send a utility bill.' })).json()).toMatchObject({ status: 'awaiting_identity', dueDate: null });
    clock.set('2026-03-10T10:00:00Z');
    expect((await api('POST', `/api/rights/requests/${id}/identity/received`, agentHeaders(agentId), { evidence: 'Bill seen, not kept' })).json()).toMatchObject({ status: 'in_progress', dueDate: '2026-04-10' });
    expect((await api('POST', `/api/rights/requests/${id}/fee`, agentHeaders(agentId), { ground: 'excessive', amountPence: 1000, justification: 'This is the fourth identical request this month.' })).statusCode).toBe(403);
    const fee = await api('POST', `/api/rights/requests/${id}/fee`, officer, { ground: 'excessive', amountPence: 1000, justification: 'This is the fourth identical request this month.', instructions: 'Pay by bank transfer to sort code 00-00-00, account 12345678, quoting your reference.' });
    expect(fee.json()).toMatchObject({ status: 'awaiting_fee', dueDate: null });
    clock.set('2026-03-12T10:00:00Z');
    expect((await api('POST', `/api/rights/requests/${id}/fee/paid`, agentHeaders(agentId), {})).json()).toMatchObject({ status: 'in_progress', dueDate: '2026-04-13' });
  });

  it('refuses only with the privacy officer, a justification and the right to complain told', async () => {
    const email = 'rita@example.test';
    const { id } = await confirmed('erasure', email);
    expect((await api('POST', `/api/rights/requests/${id}/refuse`, agentHeaders(agentId), { ground: 'manifestly_unfounded', justification: 'x'.repeat(30) })).statusCode).toBe(403);
    expect((await api('POST', `/api/rights/requests/${id}/refuse`, officer, { ground: 'manifestly_unfounded', justification: 'short' })).statusCode).toBe(400);
    const res = await api('POST', `/api/rights/requests/${id}/refuse`, officer, { ground: 'manifestly_excessive', justification: 'The same request has been made weekly for three months.' });
    expect(res.json()).toMatchObject({ status: 'refused' });
    const mail = (await mailsTo(svc.deps, email)).at(-1)!;
    expect(mail.text).toContain('manifestly excessive');
    expect(mail.text).toContain('https://ico.org.uk/make-a-complaint/');
    expect(mail.text).toContain('court');
    expect((await api('POST', `/api/rights/requests/${id}/complete`, agentHeaders(agentId), { reply: 'x' })).statusCode).toBe(409);
  });

  it('completes an erasure only after every task is ticked with evidence and a privacy officer approved; Art 19 recipients are tracked', async () => {
    const email = 'erin@example.test';
    const { id } = await confirmed('erasure', email);
    let view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.tasks.length).toBeGreaterThan(1);
    expect(view.notifications.length).toBeGreaterThan(0);
    const early = await api('POST', `/api/rights/requests/${id}/complete`, agentHeaders(agentId), { reply: 'Done' });
    expect(early.json().error.message).toContain('approved by a privacy officer');
    expect((await api('POST', `/api/rights/requests/${id}/approve`, agentHeaders(agentId), {})).statusCode).toBe(403);
    expect((await api('POST', `/api/rights/requests/${id}/approve`, officer, { note: 'Checked legal holds' })).statusCode).toBe(200);
    expect((await api('POST', `/api/rights/requests/${id}/complete`, agentHeaders(agentId), { reply: 'Done' })).json().error.details.reason).toBe('tasks_open');
    expect((await api('POST', `/api/rights/requests/${id}/tasks/${view.tasks[0].id}`, agentHeaders(agentId), { status: 'done', evidence: '' })).statusCode).toBe(400);
    for (const t of view.tasks) {
      const r = await api('POST', `/api/rights/requests/${id}/tasks/${t.id}`, agentHeaders(agentId), { status: 'done', evidence: `Deleted from ${t.system}` });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await api('POST', `/api/rights/requests/${id}/tasks/${view.tasks[0].id}`, agentHeaders(agentId), { status: 'done', evidence: 'again' })).statusCode).toBe(409);
    const n = view.notifications[0];
    expect((await api('POST', `/api/rights/requests/${id}/notifications/${n.id}`, agentHeaders(agentId), { status: 'notified', evidence: 'Emailed their DPO' })).statusCode).toBe(200);
    // Attachments are reply files (the replies capability): an unknown id is refused, a real one is sent by a link.
    expect((await api('POST', `/api/rights/requests/${id}/complete`, agentHeaders(agentId), { reply: 'Done', attachmentIds: ['att-1'] })).statusCode).toBe(404);
    const att = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${id}/reply-files?name=erasure-confirmation.txt`, headers: { ...agentHeaders(agentId), 'content-type': 'text/plain' }, payload: 'Erased from every system.' });
    expect(att.statusCode, att.body).toBe(201);
    const attId = att.json().id as string;
    const done = await api('POST', `/api/rights/requests/${id}/complete`, agentHeaders(agentId), { reply: 'We deleted your data <everywhere>.', attachmentIds: [attId] });
    expect(done.json()).toMatchObject({ status: 'completed' });
    const mail = (await mailsTo(svc.deps, email)).filter((m) => m.subject.includes('Our reply')).at(-1)!;
    expect(mail.subject).toContain('Our reply');
    expect(mail.html).toContain('&lt;everywhere&gt;');
    view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view).toMatchObject({ status: 'completed', reply: 'We deleted your data <everywhere>.', attachmentIds: [attId] });
    expect((await mailsTo(svc.deps, email)).some((m) => m.template === 'rights.reply-ready')).toBe(true);
    expect(view.notifications[0]).toMatchObject({ status: 'notified', evidence: 'Emailed their DPO' });
    const record = (await api('GET', `/api/rights/requests/${id}/record`, officer)).body;
    expect(record).toContain('Recipients told (Art 19)');
    expect(record).toContain('We deleted your data &lt;everywhere&gt;.');
  });

  it('routes a processor-mode request to the customer and tracks its instruction against the declared 30 days', async () => {
    clock.set('2026-04-01T10:00:00Z');
    const email = 'learner@example.test';
    const { id } = await confirmed('erasure', email, { about: 'learner_data', customerName: 'Hill School <x>' });
    let view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.processorActivity).toBe('learner_data');
    expect(view.tasks[0]).toMatchObject({ key: 'customer-instruction' });
    const noEmail = await api('POST', `/api/rights/requests/${id}/route-to-customer`, agentHeaders(agentId), {});
    expect(noEmail.statusCode).toBe(400);
    const routed = await api('POST', `/api/rights/requests/${id}/route-to-customer`, agentHeaders(agentId), { customerEmail: 'dpo@hill.example' });
    expect(routed.json()).toMatchObject({ status: 'awaiting_customer' });
    const toCustomer = (await mailsTo(svc.deps, 'dpo@hill.example')).at(-1)!;
    expect(toCustomer.text).toContain('learner@example.test');
    expect(toCustomer.text).toContain('within 30 days');
    expect((await mailsTo(svc.deps, email)).at(-1)!.html).toContain('Hill School &lt;x&gt;');
    clock.set('2026-04-03T10:00:00Z');
    await api('POST', `/api/rights/requests/${id}/customer-instruction`, agentHeaders(agentId), { instruction: 'Delete the learner' });
    view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.customer).toMatchObject({ email: 'dpo@hill.example', dueDate: '2026-05-03' });
    expect(view.tasks[0].dueDate).toBe('2026-05-03');
  });

  it('links requests from the same address and counts repeats in the last 12 months', async () => {
    const email = 'repeat@example.test';
    await confirmed('access', email);
    await confirmed('access', 'Repeat@Example.test');
    const { id } = await confirmed('portability', email);
    const view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.linked).toHaveLength(2);
    expect(view.repeatsInLast12Months).toBe(2);
  });

  it('records an objection to direct marketing as taking effect at once', async () => {
    const { id } = await confirmed('objection', 'mark@example.test', { directMarketing: 'yes' });
    const view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.directMarketing).toBe(true);
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toContain('marketing_objection');
    expect((await mailsTo(svc.deps, 'mark@example.test')).at(-1)!.text).toContain('stopped it at once');
    // On the suppression list that marketing sends check, by the hash only.
    expect(await isSuppressed(svc.deps.store.db, { email: 'Mark@Example.test' })).toBe(true);
    expect(await isSuppressed(svc.deps.store.db, { email: 'other@example.test' })).toBe(false);
    const other = await confirmed('objection', 'notmarketing@example.test', { directMarketing: 'no' });
    expect((await api('GET', `/api/rights/requests/${other.id}`, officer)).json().directMarketing).toBe(false);
    expect(await isSuppressed(svc.deps.store.db, { email: 'notmarketing@example.test' })).toBe(false);
  });

  it('lists the queue with filters and counts, a page at a time, and audits every step in an unbroken chain', async () => {
    clock.set('2026-04-20T10:00:00Z');
    const all = (await api('GET', '/api/rights/requests?status=all&limit=200', officer)).json();
    const open = (await api('GET', '/api/rights/requests', officer)).json();
    expect(open.counts.open).toBe(open.items.length);
    expect(all.items.length).toBeGreaterThan(open.items.length);
    const overdue = (await api('GET', '/api/rights/requests?due=overdue', officer)).json();
    expect(overdue.items.length).toBe(open.counts.overdue);
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    const pages: string[] = [];
    let next: string | null = null;
    do {
      const res: { items: { id: string }[]; next: string | null } = (await api('GET', `/api/rights/requests?status=all&limit=2${next ? `&after=${next}` : ''}`, officer)).json();
      pages.push(...res.items.map((i: { id: string }) => i.id));
      next = res.next;
    } while (next);
    expect(pages).toEqual(all.items.map((i: { id: string }) => i.id));
    const mine = (await api('GET', '/api/rights/requests?assignee=me', agentHeaders(agentId))).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect((await api('GET', '/api/rights/requests?after=bogus', officer)).statusCode).toBe(400);
    const audit = await readAudit(svc.deps.store.db, { action: 'rights.verify' });
    expect(audit.length).toBeGreaterThan(5);
    expect((await verifyAudit(svc.deps.store.db)).ok).toBe(true);
    const count = await sql<{ n: string }>`select count(*) as n from audit_log where action like 'rights.%'`.execute(svc.deps.store.db);
    const events = await sql<{ n: string }>`select count(*) as n from rights_request_events`.execute(svc.deps.store.db);
    expect(Number(count.rows[0]!.n)).toBe(Number(events.rows[0]!.n));
  });

  it('reminds the assignee before the due date and escalates when overdue, once each, even when runs overlap', async () => {
    await createUser(svc.deps, { email: 'officer@example.test', name: 'Olive Officer', role: 'privacy_officer', password: 'correct horse battery staple 2026' }, { type: 'system' });
    clock.set('2026-05-01T10:00:00Z');
    const { id } = await confirmed('access', 'remind@example.test');
    await api('POST', `/api/rights/requests/${id}/assign`, agentHeaders(agentId), { assigneeId: agentId });
    // Due Mon 1 Jun 2026; the reminder window is 5 days.
    clock.set('2026-05-28T10:00:00Z');
    const before = (await mailsTo(svc.deps, 'agent@example.test')).length;
    const [a, b] = await Promise.all([sendRightsReminders(svc.deps), sendRightsReminders(svc.deps)]);
    expect(a.dueSoon + b.dueSoon).toBeGreaterThanOrEqual(1);
    await sendRightsReminders(svc.deps);
    const agentMails = (await mailsTo(svc.deps, 'agent@example.test')).slice(before).filter((m) => m.text.includes(`R-`) && m.subject.startsWith('Due Mon 1 Jun 2026'));
    expect(agentMails).toHaveLength(1);
    clock.set('2026-06-02T10:00:00Z');
    await sendRightsReminders(svc.deps);
    await sendRightsReminders(svc.deps);
    const escalations = (await mailsTo(svc.deps, 'officer@example.test')).filter((m) => m.subject.startsWith('OVERDUE') && m.subject.includes('Mon 1 Jun 2026'));
    expect(escalations).toHaveLength(1);
    expect((await mailsTo(svc.deps, 'agent@example.test')).filter((m) => m.subject.startsWith('OVERDUE') && m.subject.includes('Mon 1 Jun 2026'))).toHaveLength(1);
    const view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.timeline.filter((e: { kind: string }) => e.kind === 'reminded')).toHaveLength(1);
    expect(view.timeline.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(1);
    // Unconfirmed requests older than a week are deleted.
    const left = await svc.deps.store.db.selectFrom('rights_requests').select(['id']).where('status', '=', 'unverified').execute();
    expect(left).toHaveLength(0);
  });
});
