import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/read-audit.js';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import type { Role } from '../auth/permissions.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { declarationsModule } from './declarations-module.js';
import { readDeclarationFiles } from './read-declaration-files.js';

const example = (p: string) => fileURLToPath(new URL(`../../../../examples/${p}`, import.meta.url));
const CORRECTED = example('jupiter-edtech/corrected');
const FAITHFUL = example('jupiter-edtech');
const correctedYaml = readFileSync(`${CORRECTED}/declaration.yaml`, 'utf8');

/** Callers chosen by header: x-test-role for a staff user, or a test API key. */
async function authenticate(req: FastifyRequest): Promise<Principal> {
  const role = req.headers['x-test-role'];
  if (typeof role === 'string') return { kind: 'user', userId: `u-${role}`, email: `${role}@example.test`, role: role as Role, mfaVerified: true, sessionId: 's1' };
  if (req.headers.authorization === 'Bearer pk_read') return { kind: 'api_key', keyId: 'k-read', name: 'reader', scopes: ['declaration:read'] };
  if (req.headers.authorization === 'Bearer pk_publish') return { kind: 'api_key', keyId: 'k-publish', name: 'ci', scopes: ['declaration:publish', 'declaration:read'] };
  return ANONYMOUS;
}

const owner = { 'x-test-role': 'owner' };
// Publishing with an API key, as CI does: a browser session would also need a CSRF token (accounts' concern).
const publisher = { authorization: 'Bearer pk_publish' };
const HOSTILE = '<script>alert(1)</script>';

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`declarations on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (available) svc = await startTestService(kind, {}, { authenticate });
    });
    afterAll(async () => {
      await svc?.dispose();
    });
    const get = (url: string, headers: Record<string, string> = {}) => svc.app!.inject({ method: 'GET', url, headers });
    const publish = (payload: object, headers: Record<string, string> = publisher) => svc.app!.inject({ method: 'POST', url: '/api/declarations', headers, payload });

    it.runIf(available)('says clearly that no notice is published yet', async () => {
      const res = await get('/privacy');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('No privacy notice has been published yet');
    });

    it.runIf(available)('publishes the corrected example as version 1, shown at /privacy', async () => {
      const { files, entry } = readDeclarationFiles(CORRECTED);
      const res = await publish({ files, entry, note: 'First notice' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ version: 1, material: false, summary: ['First published version'], note: 'First notice', publishedBy: { type: 'api_key', id: 'k-publish' } });
      const page = await get('/privacy');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('JUPITER EDTECH LIMITED');
      expect(page.body).toMatch(/Version 1, published <time datetime="\d{4}-\d{2}-\d{2}">/);
      expect(page.body).not.toMatch(/<script/i);
      const json = (await get('/privacy.json')).json();
      expect(json).toMatchObject({ version: 1, declaration: { organisation: { legal_name: 'JUPITER EDTECH LIMITED' } } });
      expect(json.published_at).toMatch(/^\d{4}-/);
      const md = await get('/privacy.md');
      expect(md.headers['content-type']).toContain('text/markdown');
      expect(md.body).toContain('Version 1, published');
      expect((await get('/privacy.txt')).body).toContain('JUPITER EDTECH LIMITED');
      const audit = await readAudit(svc.deps.store.db, { action: 'declaration.published' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: 'api_key', actorId: 'k-publish', subjectId: '1' });
    });

    it.runIf(available)('refuses the faithful example with its findings located, and unusable YAML', async () => {
      const { files, entry } = readDeclarationFiles(FAITHFUL);
      const res = await publish({ files, entry });
      expect(res.statusCode).toBe(422);
      const err = res.json().error;
      expect(err.code).toBe('unprocessable');
      expect(err.message).toContain('pledge check');
      expect(err.details.findings.length).toBeGreaterThan(0);
      for (const f of err.details.findings) {
        expect(f.severity).toBe('error');
        expect(f.at).toMatch(/^declaration\.yaml:\d+:\d+$/);
      }
      const broken = await publish({ yaml: 'pledge: 1\norganisation: [\n' });
      expect(broken.statusCode).toBe(422);
      expect(broken.json().error.details.findings[0].ruleId).toBe('yaml-syntax');
      expect((await get('/api/declarations', owner)).json().versions).toHaveLength(1);
    });

    it.runIf(available)('refuses an identical declaration, even reformatted, with 409', async () => {
      const res = await publish({ yaml: `# a comment changes nothing\n${correctedYaml}` });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', details: { version: 1 } });
      expect(res.json().error.message).toContain('No changes');
    });

    it.runIf(available)('publishes a change as version 2 with its diff; the change log lists both; version 1 stays', async () => {
      const before = await get('/privacy');
      const etag = before.headers.etag as string;
      const changed = correctedYaml.replace(/(- id: enquiries\n(?:    .*\n)*?    period: )24 months/, '$112 months');
      expect(changed).not.toBe(correctedYaml);
      const res = await publish({ yaml: changed, note: 'Shorter retention' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ version: 2, material: true, summary: ['Retention for Enquiries from people who do not become customers changed from 24 months to 12 months'] });

      const detail = (await get('/api/declarations/2', owner)).json();
      expect(detail.diff.changes[0]).toMatchObject({ section: 'retention', id: 'enquiries', kind: 'changed', fields: [{ field: 'period', before: '24 months', after: '12 months' }] });
      expect(detail.sourceYaml).toBe(changed);
      expect((await get('/api/declarations/1', owner)).json().sourceFiles).toBeNull();
      const list = (await get('/api/declarations', owner)).json();
      expect(list.current).toBe(2);
      expect(list.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

      const changes = await get('/privacy/changes');
      expect(changes.statusCode).toBe(200);
      expect(changes.body).toContain('href="/privacy/versions/1"');
      expect(changes.body).toContain('href="/privacy/versions/2"');
      expect(changes.body).toContain('changed from 24 months to 12 months');
      expect(changes.body).toContain('Material change');
      expect(changes.body).toContain('First published version');
      const versions = await get('/privacy/versions');
      expect(versions.body).toContain('Version 2</a> (current)');
      expect(versions.body).toMatch(/Last updated: <time datetime="\d{4}-\d{2}-\d{2}">[^<]+<\/time> \(version 2\)/);

      const v1 = await get('/privacy/versions/1');
      expect(v1.statusCode).toBe(200);
      expect(v1.body).toContain('This is version 1 of this notice');
      expect(v1.body).toContain('24 months');
      expect((await get('/privacy')).body).toContain('12 months');
      // The current notice leads to where its promises are kept; a replaced version does not offer them.
      expect((await get('/privacy')).body).toContain('<a href="/privacy/requests">Make a request about your data</a>');
      expect((await get('/privacy')).body).toContain('<a href="/consent/preferences">');
      expect(v1.body).not.toContain('/privacy/requests');
      expect((await get('/privacy/versions/1.json')).json()).toMatchObject({ version: 1 });
      expect((await get('/privacy/versions/1.md')).headers['content-type']).toContain('text/markdown');
      expect((await get('/privacy/versions/1?format=text')).headers['content-type']).toContain('text/plain');
      const missing = await get('/privacy/versions/9');
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('Version 9 of this privacy notice does not exist');
      // A new version means a new ETag: caches fetch the new notice.
      expect((await get('/privacy')).headers.etag).not.toBe(etag);
    });

    it.runIf(available)('serves per-audience and short notices, and lists the audiences for an unknown one', async () => {
      const learners = await get('/privacy/for/learners');
      expect(learners.statusCode).toBe(200);
      expect(learners.body).toContain('Learners');
      const short = await get('/privacy/short');
      expect(short.statusCode).toBe(200);
      expect(short.body).toContain('href="/privacy"');
      const unknown = await get('/privacy/for/martians');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('There is no notice for &quot;martians&quot;');
      expect(unknown.body).toContain('href="/privacy/for/website_visitors"');
      expect(unknown.headers['cache-control']).toBe('no-store');
    });

    it.runIf(available)('answers 304 Not Modified to a matching ETag', async () => {
      for (const url of ['/privacy', '/privacy.md', '/privacy.json', '/privacy/changes', '/privacy/versions/1', '/privacy/for/learners']) {
        const first = await get(url);
        expect(first.statusCode).toBe(200);
        const etag = first.headers.etag as string;
        expect(etag).toMatch(/^".+"$/);
        expect(first.headers['cache-control']).toContain('public');
        expect(first.headers['x-ratelimit-limit'], url).toBe('300');
        const again = await get(url, { 'if-none-match': etag });
        expect(again.statusCode, url).toBe(304);
        expect(again.body).toBe('');
        expect((await get(url, { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
        expect((await get(url, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
      }
    });

    it.runIf(available)('never changes or deletes a published version', async () => {
      const db = svc.deps.store.db;
      await expect(sql`update declaration_versions set note = 'rewritten' where version = 1`.execute(db)).rejects.toThrow(/immutable/);
      await expect(sql`delete from declaration_versions where version = 1`.execute(db)).rejects.toThrow(/immutable/);
      expect((await get('/api/declarations/1', owner)).json().note).toBe('First notice');
    });

    it.runIf(available)('escapes hostile text on every page', async () => {
      const hostile = correctedYaml
        .replace('legal_name: JUPITER EDTECH LIMITED', `legal_name: "${HOSTILE}"`)
        .replace('name: Enquiries from people who do not become customers', `name: "Enquiries ${HOSTILE}"`)
        .replace('name: Learners whose data our customers upload to Jupiter', `name: "Learners <img src=x onerror=alert(2)>"`);
      const res = await publish({ yaml: hostile });
      expect(res.statusCode, res.body).toBe(201);
      const n = res.json().version;
      const pages = ['/privacy', '/privacy/short', '/privacy/for/learners', '/privacy/for/%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/privacy/versions', '/privacy/changes', `/privacy/versions/${n}`, '/privacy/versions/1'];
      for (const url of pages) {
        const page = await get(url);
        expect(page.body, url).not.toContain('<script');
        expect(page.body, url).not.toContain('<img');
        if (url !== '/privacy/versions/1') expect(page.body, url).toContain('&lt;script&gt;');
      }
      expect((await get('/privacy')).headers['content-security-policy']).toContain("script-src 'self'");
    });

    it.runIf(available)('needs ropa:read for the record of processing, and audits each download', async () => {
      expect((await get('/api/declarations/current/ropa.csv')).statusCode).toBe(401);
      expect((await get('/api/declarations/current/ropa.csv', { authorization: 'Bearer pk_read' })).statusCode).toBe(403);
      const csv = await get('/api/declarations/current/ropa.csv?kind=processor', { 'x-test-role': 'auditor' });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="record-of-processing-processor-v\d+\.csv"/);
      const xlsx = await get('/api/declarations/1/ropa.xlsx', { 'x-test-role': 'agent' });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const again = await get('/api/declarations/1/ropa.xlsx', { 'x-test-role': 'agent' });
      expect(Buffer.compare(xlsx.rawPayload, again.rawPayload)).toBe(0);
      const audit = await readAudit(svc.deps.store.db, { action: 'ropa.exported' });
      expect(audit.map((e) => [e.actorId, e.details])).toEqual([
        ['u-auditor', { format: 'csv', kind: 'processor' }],
        ['u-agent', { format: 'xlsx' }],
        ['u-agent', { format: 'xlsx' }],
      ]);
      expect((await get('/api/declarations', { authorization: 'Bearer pk_read' })).statusCode).toBe(200);
      expect((await publish({ yaml: correctedYaml }, { authorization: 'Bearer pk_read' })).statusCode).toBe(403);
    });

    it.runIf(available)('publishes the configured declaration at start only when it differs', async () => {
      const deps = { ...svc.deps, config: { ...svc.deps.config, declaration: CORRECTED } };
      await declarationsModule.init!(deps);
      const list = (await get('/api/declarations', owner)).json();
      expect(list.versions[0]).toMatchObject({ publishedBy: { type: 'system' }, summary: expect.arrayContaining(['Changed organisation details: legal name']), material: false });
      await declarationsModule.init!(deps);
      expect((await get('/api/declarations', owner)).json().versions).toHaveLength(list.versions.length);
      await expect(declarationsModule.init!({ ...deps, config: { ...deps.config, declaration: FAITHFUL } })).rejects.toThrow(/Cannot publish the declaration .* at start/);
    });
  });
}
