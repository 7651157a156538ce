import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { readAudit } from '../audit/read-audit.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { csrfOf, FormBrowser } from '../staff-pages/form-browser.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { purgeIdentityDocuments } from './identity-documents.js';
import { confirmedThroughForm, headerAuthenticate, JUPITER_YAML, multipart, TestClock } from './rights-test-helpers.js';

const MAX = 64 * 1024;
const agent = (id: string) => ({ 'x-test-role': 'agent', 'x-test-user': id });
const officer = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };
const auditor = { 'x-test-role': 'auditor', 'x-test-user': 'u-auditor' };
const PDF = Buffer.from('%PDF-1.7\n% a scanned passport\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-pixels')]);


describe('proof of identity from the person (Art 12(6)) and Art 19 recipients by system, on PGlite', () => {
  let svc: TestService;
  const clock = new TestClock(Date.parse('2026-02-02T10:00:00Z'));
  let agentId = '';
  let ipN = 0;
  const browser = () => new FormBrowser(svc.app!, `10.40.${Math.floor(ipN / 200)}.${(ipN++ % 200) + 1}`);
  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => svc.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  /** Sends the status page's identity form (multipart) with the page's CSRF token. */
  async function upload(b: FormBrowser, statusPath: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }, opts: { csrf?: boolean } = {}) {
    let page = await b.get(statusPath);
    // Before staff ask, the status page has no form: take a token from another of the centre's forms (same cookie).
    if (!page.body.includes('name="_csrf"')) page = await b.get('/privacy/requests/new/access');
    const body = multipart({ ...(opts.csrf === false ? {} : { _csrf: csrfOf(page.body) }), ...fields }, file);
    return svc.app!.inject({ method: 'POST', url: `${statusPath}/identity`, remoteAddress: b.ip, cookies: b.cookies, headers: { 'content-type': body.contentType }, payload: body.payload });
  }

  /** A request confirmed through the public form, with its status page path. */
  async function confirmed(type: string, email: string) {
    const b = browser();
    return { ...(await confirmedThroughForm(svc.deps, b, type, email, { details: 'Please act on my data.' })), b };
  }

  beforeAll(async () => {
    svc = await startTestService('pglite', { identityFileMaxBytes: MAX, identityRetentionDays: 30 }, { authenticate: headerAuthenticate, clock });
    agentId = (await createUser(svc.deps, { email: 'agent@example.test', name: 'Sam Worker', role: 'agent', password: 'correct horse battery staple 2026' }, { type: 'system' })).user.id;
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  // Runs first: a request received while no declaration was published yet has no recipients listed by its type.
  it('Art 19 by system: ticking an erasure task adds the recipients of the categories touched, from the declaration in force', async () => {
    const { id } = await confirmed('erasure', 'early@example.test');
    let view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.declarationVersion).toBeNull();
    expect(view.notifications).toEqual([]);
    await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
    const task = view.tasks[0];
    const unknown = await api('POST', `/api/rights/requests/${id}/tasks/${task.id}`, agent(agentId), { status: 'done', evidence: 'Deleted', touched: ['billing_details', 'no_such_thing'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('"no_such_thing"');
    expect(unknown.json().error.message).toContain('billing_details');
    const ok = await api('POST', `/api/rights/requests/${id}/tasks/${task.id}`, agent(agentId), { status: 'done', evidence: 'Deleted the learner records and the invoices', touched: ['learner_data', 'billing_details'] });
    expect(ok.statusCode, ok.body).toBe(200);
    view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    const by = Object.fromEntries(view.notifications.map((n: { recipientId: string }) => [n.recipientId, n]));
    // learner_data: the processor activity's subprocessors; billing_details: the billing purpose's recipients.
    expect(Object.keys(by).sort()).toEqual(['anthropic', 'authorities', 'aws', 'cloudflare', 'professional_advisers', 'resend', 'stripe']);
    expect(by.aws).toMatchObject({ status: 'to_notify', via: ['learner_data'], category: false, recipientName: expect.any(String) });
    expect(by.stripe).toMatchObject({ via: ['billing_details'], category: false });
    expect(by.authorities).toMatchObject({ via: ['billing_details'], category: true });
    const entry = view.timeline.find((t: { kind: string }) => t.kind === 'tick_task');
    expect(entry.summary).toContain('recipients to tell added (Art 19)');
    expect(entry.data).toMatchObject({ touched: ['learner_data', 'billing_details'] });
    const record = (await api('GET', `/api/rights/requests/${id}/record`, officer)).body;
    expect(record).toContain('via billing_details');
    expect(record).toContain('(a category: told only if data went to one)');
    // Each is then tracked as before.
    const told = await api('POST', `/api/rights/requests/${id}/notifications/${by.stripe.id}`, agent(agentId), { status: 'notified', evidence: 'Asked Stripe to erase the customer' });
    expect(told.statusCode).toBe(200);
  });

  it('Art 19 by system merges with the list drawn by request type, without duplicates; other request types record no systems', async () => {
    const { id } = await confirmed('rectification', 'rect@example.test');
    let view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    const before = view.notifications.length;
    expect(before).toBe(7);
    expect(view.notifications.every((n: { via: unknown }) => n.via === null)).toBe(true);
    const own = view.tasks.find((t: { key: string }) => t.key === 'own-systems');
    const stripeTask = view.tasks.find((t: { key: string }) => t.key === 'recipient:stripe');
    expect((await api('POST', `/api/rights/requests/${id}/tasks/${own.id}`, agent(agentId), { status: 'done', evidence: 'Corrected the address', touched: ['contact_details'] })).statusCode).toBe(200);
    expect((await api('POST', `/api/rights/requests/${id}/tasks/${stripeTask.id}`, agent(agentId), { status: 'done', evidence: 'Corrected in Stripe' })).statusCode).toBe(200);
    view = (await api('GET', `/api/rights/requests/${id}`, officer)).json();
    expect(view.notifications).toHaveLength(before);
    const by = Object.fromEntries(view.notifications.map((n: { recipientId: string }) => [n.recipientId, n]));
    expect(by.resend.via).toEqual(['contact_details']);
    // A "recipient:<id>" task touches that recipient by default.
    expect(by.stripe.via).toEqual(['stripe']);
    expect(by.aws.via).toBeNull();
    const access = await confirmed('access', 'acc@example.test');
    const t = (await api('GET', `/api/rights/requests/${access.id}`, officer)).json().tasks[0];
    const refused = await api('POST', `/api/rights/requests/${access.id}/tasks/${t.id}`, agent(agentId), { status: 'done', evidence: 'Found', touched: ['contact_details'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('Art 19');
  });

  let idaId = '';
  let idaStatus = '';
  let idaDocId = '';
  let bobId = '';
  let bobDocId = '';

  it('offers the upload once staff ask for proof, accepts a PDF with a message, stores it sealed and shows it to staff on the timeline', async () => {
    const { id, b, statusPath } = await confirmed('access', 'ida@example.test');
    idaId = id;
    idaStatus = statusPath;
    expect((await b.get(statusPath)).body).not.toContain('name="document"');
    const early = await upload(b, statusPath, { answer: 'hello' }, { name: 'passport.pdf', type: 'application/pdf', bytes: PDF });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('not waiting for proof of identity');
    expect((await api('POST', `/api/rights/requests/${id}/identity/request`, agent(agentId), { message: 'Please send a copy of a photo ID <b>.' })).json()).toMatchObject({ status: 'awaiting_identity' });
    const page = await b.get(statusPath);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`action="${statusPath}/identity"`);
    expect(page.body).toContain('name="document"');
    expect(page.body).toContain('at most 0.1 MB');
    expect(page.body).toContain('copy of a photo ID &lt;b&gt;.');

    const res = await upload(b, statusPath, { answer: 'My passport, <i>page 1</i>' }, { name: 'passport.pdf', type: 'application/pdf', bytes: PDF });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`${statusPath}?sent=1`);
    const after = await b.get(res.headers.location as string);
    expect(after.body).toContain('We have received 1 document from you');
    expect(after.body).not.toContain('passport.pdf');

    const stored = await svc.deps.store.db.selectFrom('rights_identity_documents').selectAll().where('request_id', '=', id).execute();
    expect(stored).toHaveLength(1);
    idaDocId = stored[0]!.id;
    expect(Buffer.from(stored[0]!.content!).includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored[0]!.name).not.toContain('passport');

    const view = (await api('GET', `/api/rights/requests/${id}`, auditor)).json();
    const entry = view.timeline.find((t: { kind: string }) => t.kind === 'identity.proof_sent');
    expect(entry).toMatchObject({ actor: { type: 'public' }, text: 'My passport, <i>page 1</i>', data: { documentId: idaDocId, contentType: 'application/pdf', sizeBytes: PDF.length } });
    expect(entry.summary).toContain('record identity received');
    const list = (await api('GET', `/api/rights/requests/${id}/identity-documents`, auditor)).json();
    expect(list.documents).toEqual([expect.objectContaining({ id: idaDocId, name: 'passport.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, purgedAt: null })]);
  });

  it('refuses a wrong type, a disguise, an oversize file, an empty form and a form without its CSRF token, each with a clear message', async () => {
    const b = browser();
    const wrong = await upload(b, idaStatus, {}, { name: 'id.txt', type: 'text/plain', bytes: Buffer.from('I am really me') });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('is not a type we can accept as proof of identity');
    expect(wrong.body).toContain('a PDF, or a PNG, JPEG, GIF or WebP image');
    expect(wrong.body).toContain('aria-invalid="true"');
    const disguised = await upload(b, idaStatus, {}, { name: 'passport.pdf', type: 'application/pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(disguised.statusCode).toBe(422);
    expect(disguised.body).toContain('The file &quot;passport.pdf&quot; is not a type we can accept as proof of identity.');
    // A PNG named .pdf: an accepted kind under the wrong name.
    const misnamed = await upload(b, idaStatus, {}, { name: 'scan.pdf', type: 'application/pdf', bytes: PNG });
    expect(misnamed.statusCode).toBe(422);
    expect(misnamed.body).toContain('named .pdf but its content is PNG image');
    expect(disguised.body).not.toContain('<script>alert(1)');
    const zip = await upload(b, idaStatus, {}, { name: 'id.zip', type: 'application/zip', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
    expect(zip.statusCode).toBe(422);
    expect(zip.body).toContain('(it is ZIP)');
    const big = await upload(b, idaStatus, {}, { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(MAX)]) });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('larger than 0.1 MB, the most we accept');
    const empty = await upload(b, idaStatus, { answer: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose a document to send, or write a message.');
    const noCsrf = await upload(b, idaStatus, {}, { name: 'photo.png', type: 'image/png', bytes: PNG }, { csrf: false });
    expect(noCsrf.statusCode).toBe(400);
    expect(noCsrf.body).toContain('had expired');
    expect(await svc.deps.store.db.selectFrom('rights_identity_documents').select('id').where('request_id', '=', idaId).execute()).toHaveLength(1);
  });

  it("keeps requests apart: a token uploads only to its own request, and no one without rights:work opens another's document", async () => {
    const bob = await confirmed('access', 'bob@example.test');
    bobId = bob.id;
    await api('POST', `/api/rights/requests/${bob.id}/identity/request`, agent(agentId), { message: 'A photo ID please' });
    const res = await upload(bob.b, bob.statusPath, {}, { name: 'licence.png', type: 'image/png', bytes: PNG });
    expect(res.statusCode, res.body).toBe(303);
    const bobDocs = (await api('GET', `/api/rights/requests/${bob.id}/identity-documents`, auditor)).json().documents;
    expect(bobDocs).toHaveLength(1);
    bobDocId = bobDocs[0].id;
    expect((await api('GET', `/api/rights/requests/${idaId}/identity-documents`, auditor)).json().documents.map((d: { id: string }) => d.id)).toEqual([idaDocId]);
    // Bob's document through Ida's request, a guessed token, an anonymous caller, a reader without rights:work.
    expect((await api('GET', `/api/rights/requests/${idaId}/identity-documents/${bobDocId}/content`, agent(agentId))).statusCode).toBe(404);
    const m = multipart({ _csrf: 'x' }, { name: 'x.png', type: 'image/png', bytes: PNG });
    const guessed = await svc.app!.inject({ method: 'POST', url: '/privacy/requests/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/identity', headers: { 'content-type': m.contentType }, payload: m.payload });
    expect(guessed.statusCode).toBe(404);
    expect(guessed.body).toContain('This link is not valid');
    expect((await api('GET', `/api/rights/requests/${bob.id}/identity-documents/${bobDocId}/content`, {})).statusCode).toBe(401);
    expect((await api('GET', `/api/rights/requests/${bob.id}/identity-documents/${bobDocId}/content`, auditor)).statusCode).toBe(403);
    expect((await api('GET', `/api/rights/requests/${bob.id}/identity-documents`, {})).statusCode).toBe(401);
    expect(await svc.deps.store.db.selectFrom('rights_identity_documents').select('id').execute()).toHaveLength(2);
  });

  it('lets staff with rights:work open the document (audited), then record identity received, which moves the relevant time', async () => {
    const res = await api('GET', `/api/rights/requests/${idaId}/identity-documents/${idaDocId}/content`, agent(agentId));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('passport.pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const audit = await readAudit(svc.deps.store.db, { action: 'rights.identity.document_read', subject: { type: 'rights_request', id: idaId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorId: agentId, details: { documentId: idaDocId } });
    expect(await readAudit(svc.deps.store.db, { action: 'rights.identity.proof_sent', subject: { type: 'rights_request', id: idaId } })).toHaveLength(1);
    clock.set('2026-02-05T10:00:00Z');
    const rec = await api('POST', `/api/rights/requests/${idaId}/identity/received`, agent(agentId), { evidence: 'Passport checked against the name on the account' });
    // The period runs from the day the passport was uploaded (2 Feb), not the day staff recorded it (Art 12A).
    expect(rec.json()).toMatchObject({ status: 'in_progress', dueDate: '2026-03-02' });
    expect((await api('GET', `/api/rights/requests/${idaId}`, officer)).json().relevantTime).toBe('2026-02-02');
    // No more uploads once identity is settled.
    expect((await upload(browser(), idaStatus, {}, { name: 'again.pdf', type: 'application/pdf', bytes: PDF })).statusCode).toBe(409);
  });

  it('deletes identity documents N days after the request closes, keeping type, size and hash; open requests keep theirs', async () => {
    const refused = await api('POST', `/api/rights/requests/${idaId}/refuse`, officer, { ground: 'manifestly_excessive', justification: 'The same request has been made weekly for three months.' });
    expect(refused.json()).toMatchObject({ status: 'refused' });
    clock.set('2026-03-06T10:00:00Z'); // 29 days after closing
    expect(await purgeIdentityDocuments(svc.deps)).toBe(0);
    clock.set('2026-03-08T10:00:00Z'); // 31 days
    expect(await purgeIdentityDocuments(svc.deps)).toBe(1);
    expect(await purgeIdentityDocuments(svc.deps)).toBe(0);
    const row = await svc.deps.store.db.selectFrom('rights_identity_documents').selectAll().where('id', '=', idaDocId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ content: null, data_key: null, name: null });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const docs = (await api('GET', `/api/rights/requests/${idaId}/identity-documents`, auditor)).json().documents;
    expect(docs[0]).toMatchObject({ id: idaDocId, name: null, contentType: 'application/pdf', sizeBytes: PDF.length, purgedAt: expect.any(String) });
    const gone = await api('GET', `/api/rights/requests/${idaId}/identity-documents/${idaDocId}/content`, agent(agentId));
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toContain('PLEDGE_IDENTITY_RETENTION_DAYS');
    const timeline = (await api('GET', `/api/rights/requests/${idaId}`, officer)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'identity.documents_purged', actor: { type: 'system', id: 'rights.identity-purge' } });
    const bobDoc = await svc.deps.store.db.selectFrom('rights_identity_documents').select(['content', 'purged_at']).where('id', '=', bobDocId).executeTakeFirstOrThrow();
    expect(bobDoc.purged_at).toBeNull();
    expect(bobDoc.content).not.toBeNull();
    expect(bobId).not.toBe(idaId);
    expect((await verifyAudit(svc.deps.store.db)).ok).toBe(true);
  });
});
