import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { readDeclarationFiles } from '../declarations/read-declaration-files.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { purgeExpiredReplyFiles } from './purge-reply-files.js';
import { createReplyLink, LINK_TOKEN_BYTES } from './reply-links.js';
import { createRequest } from '../rights/create-request.js';
import { codeIn, mailsTo } from '../rights/rights-test-helpers.js';
import { verifyCode } from '../rights/verify-request.js';

// API keys, as an integration would call (a browser session would also need a CSRF token: accounts' concern).
const OWNER: Principal = { kind: 'api_key', keyId: 'k-staff', name: 'staff', scopes: ['declaration:publish', 'rights:work', 'rights:read'] };
const AUDITOR: Principal = { kind: 'api_key', keyId: 'k-reader', name: 'reader', scopes: ['rights:read'] };
const authenticate = async (req: FastifyRequest): Promise<Principal> => (req.headers['x-test-anonymous'] ? ANONYMOUS : req.headers['x-test-auditor'] ? AUDITOR : OWNER);

const CORRECTED = fileURLToPath(new URL('../../../../examples/jupiter-edtech/corrected', import.meta.url));
const MAX = 64 * 1024;
let REQ = '';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 0)]);
const MARKER = 'Ada-Lovelace-unique-marker-7731';

/** A multipart/form-data body with text fields first, then one file. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----pledge-test-boundary-1234';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`replies on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    if (process.env.CI === 'true' && !available) throw new Error('PostgreSQL is required under CI');
    let svc: TestService;
    let now = new Date('2026-03-02T09:00:00Z');
    const clock = { now: () => new Date(now) };
    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, { replyFileMaxBytes: MAX, replyLinkDays: 7, replyMaxDownloads: 2 }, { authenticate, clock });
      const { files, entry } = readDeclarationFiles(CORRECTED);
      const res = await svc.app!.inject({ method: 'POST', url: '/api/declarations', payload: { files, entry } });
      expect(res.statusCode, res.body).toBe(201);
      // A confirmed access request, as the privacy centre makes one (received 2 March 2026).
      now = new Date('2026-03-02T09:30:00Z');
      const email = 'ada@example.test';
      const made = await createRequest(svc.deps, { type: 'access', email }, { type: 'public' });
      const code = codeIn((await mailsTo(svc.deps, email)).filter((m) => m.template === 'rights.code').at(-1)!);
      await verifyCode(svc.deps, made.verificationId, code, { type: 'public' });
      REQ = made.requestId;
      now = new Date('2026-03-20T10:00:00Z');
    });
    afterAll(async () => {
      await svc?.dispose();
    });
    const upload = (query: string, body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/octet-stream' }) =>
      svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${REQ}/reply-files?${query}`, payload: body, headers });

    it.runIf(available)('attaches JSON (raw body), CSV and an image (multipart), detecting each type by content and encrypting it at rest', async () => {
      const json = await upload('name=account.json&system=accounts&systemName=Customer%20accounts&provided=true', JSON.stringify([{ name: MARKER, email: 'ada@example.test', plan: '=HYPERLINK("x")' }]));
      expect(json.statusCode, json.body).toBe(201);
      expect(json.json()).toMatchObject({ kind: 'upload', contentType: 'application/json', systemId: 'accounts', systemName: 'Customer accounts', providedByPerson: true, name: 'account.json' });
      const csv = multipart({ system: 'support', systemName: 'Support tickets' }, { name: 'tickets.csv', type: 'text/csv', bytes: Buffer.from(`id,subject\r\n1,${MARKER} cannot log in\r\n2,Invoice\r\n`) });
      const c = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${REQ}/reply-files`, ...csv });
      expect(c.statusCode, c.body).toBe(201);
      expect(c.json()).toMatchObject({ contentType: 'text/csv; charset=utf-8', systemId: 'support', providedByPerson: false });
      const img = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${REQ}/reply-files`, ...multipart({ system: 'support' }, { name: 'screenshot', type: 'application/octet-stream', bytes: PNG }) });
      expect(img.statusCode, img.body).toBe(201);
      expect(img.json()).toMatchObject({ contentType: 'image/png', name: 'screenshot.png' });

      const rows = await sql<{ content: Uint8Array; name: string; data_key: string }>`select content, name, data_key from reply_files where request_id = ${REQ}`.execute(svc.deps.store.db);
      expect(rows.rows).toHaveLength(3);
      for (const r of rows.rows) {
        expect(Buffer.from(r.content).toString('latin1')).not.toContain(MARKER);
        expect(Buffer.from(r.content).includes(PNG.subarray(0, 8))).toBe(false);
        expect(r.name).toMatch(/^v1:/);
        expect(r.data_key).toMatch(/^v1:/);
      }
    });

    it.runIf(available)('refuses files by content, naming the allowed types, and files over the size limit', async () => {
      const exe = await upload('name=tool.exe', ELF);
      expect(exe.statusCode).toBe(422);
      expect(exe.json().error.message).toContain('Allowed: JSON, CSV, plain text, PDF, ZIP, or a PNG, JPEG, GIF or WebP image');
      const disguised = await upload('name=invoice.pdf', ELF);
      expect(disguised.statusCode).toBe(422);
      const pngAsPdf = await upload('name=report.pdf', PNG);
      expect(pngAsPdf.statusCode).toBe(422);
      expect(pngAsPdf.json().error.message).toContain('its content is PNG image');
      const html = await upload('name=page.html', '<html><script>alert(1)</script></html>');
      expect(html.statusCode).toBe(422);
      const badJson = await upload('name=data.json', '{"a": ');
      expect(badJson.statusCode).toBe(422);
      expect(badJson.json().error.message).toContain('not valid JSON');
      const big = await upload('name=big.txt', Buffer.alloc(MAX + 1, 0x61));
      expect(big.statusCode).toBe(413);
      expect(big.json().error.message).toContain(`${MAX} bytes`);
      const bigForm = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${REQ}/reply-files`, ...multipart({}, { name: 'big.txt', type: 'text/plain', bytes: Buffer.alloc(MAX + 1, 0x61) }) });
      expect(bigForm.statusCode).toBe(413);
      const anonymous = await upload('name=a.txt', 'hello', { 'content-type': 'text/plain', 'x-test-anonymous': '1' });
      expect(anonymous.statusCode).toBe(401);
      const auditor = await upload('name=a.txt', 'hello', { 'content-type': 'text/plain', 'x-test-auditor': '1' });
      expect(auditor.statusCode).toBe(403);
      const list = await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${REQ}/reply-files` });
      expect(list.json().files).toHaveLength(3);
      const noRequest = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/00000000-0000-4000-8000-000000000000/reply-files?name=a.txt`, payload: 'hello', headers: { 'content-type': 'text/plain' } });
      expect(noRequest.statusCode).toBe(404);
    });

    let packageId = '';
    it.runIf(available)('builds the access package: JSON and CSV per system, files as they are, the Art 15 report and a manifest', async () => {
      const res = await svc.app!.inject({
        method: 'POST',
        url: `/api/rights/requests/${REQ}/reply-package`,
        payload: { subjects: ['customers'], search: 'Searched the account database and the help desk by email address.' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      packageId = body.file.id;
      expect(body.declarationVersion).toBe(1);
      expect(body.entries.map((e: { path: string }) => e.path).sort()).toEqual(
        ['data/accounts/account.csv', 'data/accounts/account.json', 'data/support/screenshot.png', 'data/support/tickets.csv', 'data/support/tickets.json', 'manifest.json', 'report.html', 'report.txt'].sort(),
      );
      const zip = await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${REQ}/reply-files/${packageId}/content` });
      expect(zip.statusCode).toBe(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(zip.rawPayload));
      expect(JSON.parse(strFromU8(files['data/accounts/account.json']!))[0].name).toBe(MARKER);
      const csv = strFromU8(files['data/accounts/account.csv']!);
      expect(csv).toContain(`name,email,plan`);
      expect(csv).toContain(`'=HYPERLINK`); // a formula is neutralised for spreadsheets
      expect(JSON.parse(strFromU8(files['data/support/tickets.json']!))).toEqual([{ id: '1', subject: `${MARKER} cannot log in` }, { id: '2', subject: 'Invoice' }]);
      expect(Buffer.from(files['data/support/screenshot.png']!).equals(PNG)).toBe(true);
      const report = strFromU8(files['report.html']!);
      for (const s of ['R-1', '2 March 2026', '20 March 2026', 'Art 15(1)(a)', 'Art 15(2)', 'Customer accounts', 'Searched the account database', 'version 1', 'ico.org.uk']) expect(report).toContain(s);
      const manifest = JSON.parse(strFromU8(files['manifest.json']!));
      expect(manifest).toMatchObject({ request: 'R-1', requestType: 'access', declarationVersion: 1, organisation: 'JUPITER EDTECH LIMITED' });
      expect(manifest.files).toHaveLength(7);
    });

    it.runIf(available)('for portability, packs only the structured data the person gave us', async () => {
      const res = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${REQ}/reply-package`, payload: { requestType: 'portability' } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().entries.map((e: { path: string }) => e.path).sort()).toEqual(['data/accounts/account.csv', 'data/accounts/account.json', 'manifest.json', 'report.html', 'report.txt']);
    });

    it.runIf(available)('links are 256-bit tokens stored only as hashes; downloads are counted, limited and audited; an expired link is refused, also on replay', async () => {
      const { token, link } = await svc.deps.store.db.transaction().execute((trx) => createReplyLink(trx, svc.deps, { requestId: REQ, fileId: packageId, actor: { type: 'user', id: 'u-owner' } }));
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(LINK_TOKEN_BYTES);
      expect(LINK_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
      expect(link.expiresAt).toBe('2026-03-27T10:00:00.000Z');
      const stored = await sql<{ t: string }>`select token_hash as t from reply_links where id = ${link.id}`.execute(svc.deps.store.db);
      expect(stored.rows[0]!.t).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored.rows)).not.toContain(token);

      const page = await svc.app!.inject({ method: 'GET', url: `/reply/${token}`, headers: { 'x-test-anonymous': '1' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.body).toContain('27 March 2026');
      expect(page.body).toContain('2 more times');
      expect(page.body).toContain(`<form method="post" action="/reply/${token}/download">`);
      expect(page.body).not.toMatch(/<script/i);

      const dl = () => svc.app!.inject({ method: 'POST', url: `/reply/${token}/download`, headers: { 'x-test-anonymous': '1', 'content-type': 'application/x-www-form-urlencoded' }, payload: '', remoteAddress: '203.0.113.9' });
      const first = await dl();
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-disposition']).toMatch(/^attachment; filename="R-1-2026-03-20\.zip"/);
      expect(Object.keys(unzipSync(new Uint8Array(first.rawPayload)))).toContain('report.html');
      expect((await dl()).statusCode).toBe(200);
      const third = await dl();
      expect(third.statusCode).toBe(410);
      expect(third.body).toContain('This link has been used up');

      const audited = await sql<{ details: { download: number }; ip: string; actor_type: string }>`
        select details, ip, actor_type from audit_log where action = 'rights.reply.downloaded' and subject_id = ${REQ} order by seq`.execute(svc.deps.store.db);
      expect(audited.rows.map((r) => [r.details.download, r.ip, r.actor_type])).toEqual([
        [1, '203.0.113.9', 'public'],
        [2, '203.0.113.9', 'public'],
      ]);

      // A second link, then time passes beyond its expiry: the page explains, the download is refused, nothing is audited.
      const second = await svc.deps.store.db.transaction().execute((trx) => createReplyLink(trx, svc.deps, { requestId: REQ, fileId: packageId, actor: { type: 'user', id: 'u-owner' } }));
      expect((await svc.app!.inject({ method: 'POST', url: `/reply/${second.token}/download` })).statusCode).toBe(200);
      now = new Date('2026-03-27T10:00:01Z');
      const expiredPage = await svc.app!.inject({ method: 'GET', url: `/reply/${second.token}` });
      expect(expiredPage.statusCode).toBe(410);
      expect(expiredPage.body).toContain('This link has expired');
      expect(expiredPage.body).toContain('reply to the email');
      const replay = await svc.app!.inject({ method: 'POST', url: `/reply/${second.token}/download` });
      expect(replay.statusCode).toBe(410);
      expect(replay.headers['content-type']).toContain('text/html');
      const count = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'rights.reply.downloaded'`.execute(svc.deps.store.db);
      expect(Number(count.rows[0]!.n)).toBe(3);

      const unknown = await svc.app!.inject({ method: 'GET', url: `/reply/${'A'.repeat(43)}` });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('This link does not work');
      const hostile = await svc.app!.inject({ method: 'GET', url: `/reply/%3Cscript%3Ealert(1)%3C%2Fscript%3E` });
      expect(hostile.statusCode).toBe(404);
      expect(hostile.body).not.toContain('<script>');
    });

    it.runIf(available)('the purge job deletes expired files (keeping size and hash as evidence) and the timeline shows every step', async () => {
      const purged = await purgeExpiredReplyFiles(svc.deps);
      expect(purged).toBeGreaterThanOrEqual(4); // three uploads and the access package
      const left = await sql<{ n: string }>`select count(*) as n from reply_files where content is not null and request_id = ${REQ}`.execute(svc.deps.store.db);
      expect(Number(left.rows[0]!.n)).toBe(1); // the portability package, never linked, stays until sent or deleted
      const staff = await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${REQ}/reply-files/${packageId}/content` });
      expect(staff.statusCode).toBe(404);
      expect(await purgeExpiredReplyFiles(svc.deps)).toBe(0);
      const timeline = await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${REQ}/reply-timeline` });
      const kinds = timeline.json().events.map((e: { kind: string }) => e.kind);
      expect(kinds.filter((a: string) => a === 'reply.file_attached')).toHaveLength(3);
      expect(kinds).toEqual(expect.arrayContaining(['reply.package_built', 'reply.link_created', 'reply.downloaded', 'reply.file_read', 'reply.files_purged']));
      // The request's own timeline (GET /api/rights/requests/:id) shows the same steps among the others.
      const request = await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${REQ}` });
      expect(request.statusCode, request.body).toBe(200);
      const summaries = request.json().timeline.map((e: { summary: string }) => e.summary);
      expect(summaries).toEqual(expect.arrayContaining(['Reply downloaded by the person (1 of 2)', expect.stringMatching(/^Access package built/)]));
    });
  });
}
