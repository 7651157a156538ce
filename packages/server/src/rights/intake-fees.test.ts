import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/read-audit.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { csrfOf, FormBrowser } from '../staff-pages/form-browser.js';
import { isSuppressed } from '../suppression/is-suppressed.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { unpaidFees } from './fee-actions.js';
import { confirmedThroughForm, headerAuthenticate, JUPITER_YAML, mailsTo, multipart, submitRequest, TestClock } from './rights-test-helpers.js';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quoted"';
const agent = { 'x-test-role': 'agent', 'x-test-user': 'u-agent' };
const officer = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };
const auditor = { 'x-test-role': 'auditor', 'x-test-user': 'u-auditor' };
const PDF = Buffer.from('%PDF-1.7\n% a letter of authority\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const DEFAULT_PAY = 'Pay by bank transfer: sort code 00-00-00, account 12345678, quoting your reference.';


for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`rights requests on ${kind}: staff intake, fees, authority`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    const clock = new TestClock(Date.parse('2026-03-12T10:00:00Z'));
    let ipN = 0;
    const browser = () => new FormBrowser(svc.app!, `10.60.${Math.floor(ipN / 200)}.${(ipN++ % 200) + 1}`);
    const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => svc.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const view = async (id: string) => (await api('GET', `/api/rights/requests/${id}`, agent)).json();

    /** A request confirmed through the public form; its id, the browser and the status page from the acknowledgement. */
    async function confirmed(type: string, email: string, fields: Record<string, string> = {}) {
      const b = browser();
      return { ...(await confirmedThroughForm(svc.deps, b, type, email, { details: 'Please act on my data.', ...fields })), b };
    }

    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, { rightsFeeInstructions: DEFAULT_PAY }, { authenticate: headerAuthenticate, clock });
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('logs a letter received 10 days ago: the due date counts from the day it arrived; the acknowledgement is kept to post; tasks and audit as for the web form', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const letter = { channel: 'letter', receivedOn: '2026-03-02', type: 'access', name: 'Lettie Post', contact: '1 High Street, Leeds LS1 1AA', details: 'Please send me all the data you hold about me.', identityVerified: false, identityNote: 'Signature differs from the one on file' };
      expect((await api('POST', '/api/rights/requests', auditor, letter)).statusCode).toBe(403);
      const res = await api('POST', '/api/rights/requests', agent, letter);
      expect(res.statusCode, res.body).toBe(201);
      // Received Mon 2 Mar 2026 -> one month -> Thu 2 Apr 2026 (counted from today, 12 Mar, it would be Mon 13 Apr).
      expect(res.json()).toMatchObject({ status: 'received', receivedOn: '2026-03-02', dueDate: '2026-04-02', acknowledged: 'post' });
      const id = res.json().id as string;
      const v = await view(id);
      expect(v).toMatchObject({ channel: 'letter', contact: '1 High Street, Leeds LS1 1AA', email: null, name: 'Lettie Post', receivedOn: '2026-03-02', dueDate: '2026-04-02' });
      expect(v.tasks.length).toBeGreaterThan(0);
      const kinds = v.timeline.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['intake', 'not_emailed', 'intake_started']));
      const ack = v.timeline.find((e: { kind: string }) => e.kind === 'not_emailed');
      expect(ack.text).toContain('We will reply by Thu 2 Apr 2026');
      expect(v.timeline.find((e: { kind: string }) => e.kind === 'intake')).toMatchObject({ text: 'Signature differs from the one on file', summary: expect.stringContaining('identity not verified') });
      // The postal address is stored encrypted.
      const raw = await svc.deps.store.db.selectFrom('rights_requests').select(['contact_enc', 'email_enc', 'email_hash']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(raw.contact_enc).not.toContain('High Street');
      expect(raw.email_enc).toBeNull();
      // The clock keeps the settings it was computed with, so a later change of settings does not move this date.
      expect((await svc.deps.store.db.selectFrom('rights_requests').select('clock').where('id', '=', id).executeTakeFirstOrThrow()).clock).toMatchObject({ settings: { method: 'calendar_month' } });
      expect((await readAudit(svc.deps.store.db, { action: 'rights.intake' })).some((a) => a.subjectId === id)).toBe(true);
      // The printable record says how it came in and where to write back.
      const record = (await api('GET', `/api/rights/requests/${id}/record`, officer)).body;
      expect(record).toContain('<th scope="row">Received by</th><td>letter</td>');
      expect(record).toContain('<pre>1 High Street, Leeds LS1 1AA</pre>');
      expect(record).toContain('<span class="muted">none given</span>');
      // Actions that write to the person keep the letter on the timeline: nothing is emailed.
      expect((await api('POST', `/api/rights/requests/${id}/clarification`, agent, { question: 'Which account do you mean?' })).statusCode).toBe(200);
      expect((await view(id)).timeline.filter((e: { kind: string }) => e.kind === 'not_emailed')).toHaveLength(2);
      expect((await verifyAudit(svc.deps.store.db)).ok).toBe(true);
    });

    it.runIf(available)('passes a phoned-in processor-mode request without an email address to the customer, naming the phone note', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const res = await api('POST', '/api/rights/requests', agent, { channel: 'phone', receivedOn: '2026-03-12', type: 'erasure', name: 'Pat Pupil', contact: 'Phone 07700 900456, calls after 4pm', identityVerified: true, processorActivity: 'learner_data', customerName: 'Hill School' });
      expect(res.statusCode, res.body).toBe(201);
      const routed = await api('POST', `/api/rights/requests/${res.json().id}/route-to-customer`, agent, { customerEmail: 'dpo@hill-school.example' });
      expect(routed.statusCode, routed.body).toBe(200);
      expect((await mailsTo(svc.deps, 'dpo@hill-school.example')).at(-1)!.text).toContain('From: Phone 07700 900456, calls after 4pm.');
    });

    it.runIf(available)('refuses an intake with a future date, without any contact, or by email without an address, saying what to fix', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const base = { channel: 'phone', receivedOn: '2026-03-12', type: 'erasure', name: 'Phil Caller', contact: 'Called from 07700 900123', identityVerified: true };
      const future = await api('POST', '/api/rights/requests', agent, { ...base, receivedOn: '2026-03-13' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.message).toContain('cannot have arrived in the future');
      const nothing = await api('POST', '/api/rights/requests', agent, { ...base, contact: undefined });
      expect(nothing.statusCode).toBe(400);
      expect(nothing.json().error.message).toContain('postal address or a phone note');
      const email = await api('POST', '/api/rights/requests', agent, { ...base, channel: 'email', contact: undefined });
      expect(email.statusCode).toBe(400);
      expect(email.json().error.details.field).toBe('email');
      const bad = await api('POST', '/api/rights/requests', agent, { ...base, receivedOn: '2026-02-30' });
      expect(bad.statusCode).toBe(400);
      const ok = await api('POST', '/api/rights/requests', agent, { ...base, receivedOn: '2026-03-12' });
      expect(ok.json()).toMatchObject({ status: 'received', dueDate: '2026-04-13' });
      // An erasure: the recipients to tell (Art 19) are drawn from the declaration, as for the web form.
      expect((await view(ok.json().id)).notifications.length).toBeGreaterThan(0);
    });

    it.runIf(available)('takes an emailed objection to marketing: suppressed at once, acknowledged by email, counted from the day the email came', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const res = await api('POST', '/api/rights/requests', agent, { channel: 'email', receivedOn: '2026-03-11', type: 'objection', name: 'Mo Mail', email: 'Mo.Mail@Example.test', details: 'Stop sending me offers.', directMarketing: true, identityVerified: true });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ acknowledged: 'email', dueDate: '2026-04-13' });
      expect(await isSuppressed(svc.deps.store.db, { email: 'mo.mail@example.test' })).toBe(true);
      const ack = (await mailsTo(svc.deps, 'mo.mail@example.test')).at(-1)!;
      expect(ack.subject).toContain('We received your request');
      expect(ack.text).toContain('stopped it at once');
    });

    it.runIf(available)('asks a fee with its ground and how to pay (default from the setting), shown by email and on the status page; payment checked and confirmed with the new due date', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const email = 'fay@example.test';
      const { id, b, statusPath } = await confirmed('access', email);
      const ask = { ground: 'excessive', amountPence: 1250, justification: 'The fourth identical request in two months, each answered in full.' };
      expect((await api('POST', `/api/rights/requests/${id}/fee`, officer, { ...ask, ground: 'because' })).statusCode).toBe(400);
      const fee = await api('POST', `/api/rights/requests/${id}/fee`, officer, ask);
      expect(fee.json()).toMatchObject({ status: 'awaiting_fee', dueDate: null });
      const mail = (await mailsTo(svc.deps, email)).at(-1)!;
      expect(mail.subject).toContain('A fee for your request');
      for (const words of ['£12.50', 'manifestly excessive', DEFAULT_PAY, 'starts on the day we receive the fee', "Information Commissioner's Office"]) expect(mail.text).toContain(words);
      const page = await b.get(statusPath);
      for (const words of ['£12.50', 'manifestly excessive', 'How to pay', 'sort code 00-00-00', 'starts on the day we receive the fee', "Information Commissioner&#39;s Office"]) expect(page.body).toContain(words);
      // The queue counts a request awaiting a fee as paused (waiting for the person).
      const queue = (await api('GET', '/api/rights/requests?due=paused', agent)).json();
      expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);
      expect(queue.counts.byStatus.awaiting_fee).toBeGreaterThan(0);
      expect((await view(id)).fee).toMatchObject({ ground: 'excessive', amountPence: 1250, instructions: DEFAULT_PAY, askedOn: '2026-03-12', paidOn: null });

      clock.set('2026-03-16T10:00:00Z');
      const early = await api('POST', `/api/rights/requests/${id}/fee/paid`, agent, { paidOn: '2026-03-11' });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.message).toContain('before it was asked for (2026-03-12)');
      expect((await api('POST', `/api/rights/requests/${id}/fee/paid`, agent, { paidOn: '2026-03-17' })).json().error.message).toContain('in the future');
      // Paid Sat 14 Mar 2026: the period runs from then -> Tue 14 Apr 2026.
      expect((await api('POST', `/api/rights/requests/${id}/fee/paid`, agent, { paidOn: '2026-03-14' })).json()).toMatchObject({ status: 'in_progress', dueDate: '2026-04-14' });
      const paid = (await mailsTo(svc.deps, email)).at(-1)!;
      expect(paid.subject).toContain('We received your fee');
      expect(paid.text).toContain('we will reply by Tue 14 Apr 2026');
      const after = await b.get(statusPath);
      expect(after.body).toContain('Received</dt><dd>Sat 14 Mar 2026');
      expect(after.body).not.toContain('How to pay');
    });

    it.runIf(available)('escapes staff payment instructions, refuses a further-copies fee on a request that is not for a copy, and closes an unpaid fee with timeline and audit entries', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const email = 'una@example.test';
      const { id, b, statusPath } = await confirmed('erasure', email);
      const copies = await api('POST', `/api/rights/requests/${id}/fee`, officer, { ground: 'further_copies', amountPence: 500, justification: 'A second paper copy of the data was asked for.', instructions: 'Cheque' });
      expect(copies.statusCode).toBe(400);
      expect(copies.json().error.message).toContain('further copies applies to a request for a copy');
      expect((await api('POST', `/api/rights/requests/${id}/fee`, officer, { ground: 'manifestly_unfounded', amountPence: 2000, justification: 'The request says it is sent to disrupt our business.', instructions: HOSTILE })).statusCode).toBe(200);
      const page = await b.get(statusPath);
      expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.body).not.toContain('<script>alert(1)');
      expect(page.body).toContain('manifestly unfounded');
      // An intake request (letter) for a further copy of earlier access data may carry a further-copies fee.
      const letter = await api('POST', '/api/rights/requests', agent, { channel: 'letter', receivedOn: '2026-03-10', type: 'access', name: 'Una Again', email, details: 'Please send me another copy of what you sent in January.', identityVerified: true });
      expect((await api('POST', `/api/rights/requests/${letter.json().id}/fee`, officer, { ground: 'further_copies', amountPence: 500, justification: 'A further copy of the data sent on 20 January (Art 15(3)).' })).json()).toMatchObject({ status: 'awaiting_fee' });
      expect((await mailsTo(svc.deps, email)).at(-1)!.text).toContain('further copies of personal data we have already given you');

      // For the reminders job: fees unpaid since a given day (both asked on 12 Mar; none asked by 11 Mar).
      const unpaid = await unpaidFees(svc.deps, '2026-03-12');
      expect(unpaid.map((u) => u.id)).toEqual(expect.arrayContaining([id, letter.json().id]));
      expect(unpaid.find((u) => u.id === id)).toMatchObject({ askedOn: '2026-03-12', amountPence: 2000, ground: 'manifestly_unfounded' });
      expect(await unpaidFees(svc.deps, '2026-03-11')).toEqual([]);
      clock.set('2026-04-20T10:00:00Z');
      expect((await api('POST', `/api/rights/requests/${id}/fee/unpaid`, agent, {})).statusCode).toBe(403);
      const closed = await api('POST', `/api/rights/requests/${id}/fee/unpaid`, officer, { note: 'No payment after five weeks.' });
      expect(closed.json()).toMatchObject({ status: 'refused', dueDate: null });
      expect((await mailsTo(svc.deps, email)).at(-1)!.text).toContain('we have not received it, so we have closed the request');
      const v = await view(id);
      expect(v.timeline.at(-1)).toMatchObject({ kind: 'close_fee_unpaid', summary: expect.stringContaining('not paid'), data: expect.objectContaining({ reason: 'fee_not_paid' }) });
      expect(v.fee.unpaidClosedOn).toBe('2026-04-20');
      expect((await readAudit(svc.deps.store.db, { action: 'rights.close_fee_unpaid' })).some((a) => a.subjectId === id)).toBe(true);
      expect((await b.get(statusPath)).body).toContain('Closed: the fee was not paid');
      const record = (await api('GET', `/api/rights/requests/${id}/record`, officer)).body;
      expect(record).toMatch(/Fee \(UK GDPR Art 12\(5\)\(a\)\)<\/th><td>£20\.00: [^<]*manifestly unfounded/);
      expect(record).toContain('not paid, closed Mon 20 Apr 2026');
      expect((await api('POST', `/api/rights/requests/${id}/fee/unpaid`, officer, {})).statusCode).toBe(409);
      expect((await unpaidFees(svc.deps, '2026-04-20')).map((u) => u.id)).not.toContain(id);
    });

    it.runIf(available)('takes a request made for someone else on the form: stored encrypted, shown to staff, waiting for authority; the evidence uploaded moves the relevant time', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const email = 'solicitor@example.test';
      const noName = await submitRequest(browser(), 'access', { email, onBehalf: 'yes', onBehalfName: '', relationship: 'solicitor' });
      expect(noName.statusCode).toBe(400);
      expect(noName.body).toContain('Give the name of the person you are asking for');
      const { id, b, statusPath } = await confirmed('access', email, { onBehalf: 'yes', onBehalfName: 'Olive Client', relationship: `Her solicitor ${HOSTILE}` });
      const v = await view(id);
      expect(v).toMatchObject({ status: 'awaiting_authority', dueDate: null, channel: 'web', onBehalfOf: { name: 'Olive Client', relationship: `Her solicitor ${HOSTILE}` } });
      const raw = await svc.deps.store.db.selectFrom('rights_requests').select(['on_behalf_of_enc', 'relationship_enc']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(raw.on_behalf_of_enc).not.toContain('Olive');
      expect(raw.relationship_enc).not.toContain('solicitor');
      const ack = (await mailsTo(svc.deps, email)).at(-1)!;
      expect(ack.text).toContain('evidence that you may do so');
      const page = await b.get(statusPath);
      expect(page.body).toContain('Send the evidence');
      expect(page.body).toContain('enctype="multipart/form-data"');
      // Recording identity does not satisfy a wait for authority.
      expect((await api('POST', `/api/rights/requests/${id}/identity/received`, agent, { evidence: 'Passport' })).statusCode).toBe(409);
      // Nothing of the person's goes out before the requester's authority is shown.
      const file = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${id}/reply-files?name=account.json&system=accounts`, headers: { ...agent, 'content-type': 'application/octet-stream' }, payload: JSON.stringify({ accounts: [{ name: 'Olive Client' }] }) });
      expect(file.statusCode, file.body).toBe(201);
      const early = await api('POST', `/api/rights/requests/${id}/reply-send`, agent, { fileIds: [file.json().id] });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('waiting for evidence that the requester may act for the person');

      clock.set('2026-03-13T10:00:00Z');
      const body = multipart({ _csrf: csrfOf(page.body), answer: 'Signed authority attached.' }, { name: 'authority.pdf', type: 'application/pdf', bytes: PDF });
      const up = await svc.app!.inject({ method: 'POST', url: `${statusPath}/identity`, remoteAddress: b.ip, cookies: b.cookies, headers: { 'content-type': body.contentType }, payload: body.payload });
      expect(up.statusCode, up.body).toBe(303);
      clock.set('2026-03-16T10:00:00Z');
      // Recorded on Monday; it arrived Friday 13 Mar -> due Mon 13 Apr 2026.
      expect((await api('POST', `/api/rights/requests/${id}/authority/received`, agent, { evidence: 'Signed letter of authority checked' })).json()).toMatchObject({ status: 'in_progress', dueDate: '2026-04-13' });
      expect((await view(id)).timeline.find((e: { kind: string }) => e.kind === 'identity.proof_sent').summary).toContain('evidence of authority');
    });

    it.runIf(available)('asks for evidence of authority in words apart from identity; it moves the time only when asked for', async () => {
      clock.set('2026-03-12T10:00:00Z');
      const email = 'parent@example.test';
      const { id, b, statusPath } = await confirmed('access', email);
      const ask = await api('POST', `/api/rights/requests/${id}/authority/request`, agent, { message: 'Please send evidence of parental responsibility for your child.' });
      expect(ask.json()).toMatchObject({ status: 'awaiting_authority', dueDate: null });
      const mail = (await mailsTo(svc.deps, email)).at(-1)!;
      expect(mail.subject).toContain('Evidence that you may act for someone');
      expect(mail.text).not.toContain('identity');
      const page = await b.get(statusPath);
      expect(page.body).toContain('Please send evidence of parental responsibility');
      expect(page.body).toContain(' may act for the person the request is about');
      const q = (await api('GET', '/api/rights/requests?due=paused', agent)).json();
      expect(q.items.map((i: { id: string }) => i.id)).toContain(id);
      clock.set('2026-03-20T10:00:00Z');
      expect((await api('POST', `/api/rights/requests/${id}/authority/received`, agent, { evidence: 'Birth certificate seen', receivedOn: '2026-03-18' })).json()).toMatchObject({ status: 'in_progress', dueDate: '2026-04-20' });
      const again = await api('POST', `/api/rights/requests/${id}/authority/received`, agent, { evidence: 'Another copy', receivedOn: '2026-03-20' });
      expect(again.json()).toMatchObject({ dueDate: '2026-04-20' });
    });
  });
}
