import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';

const corrected = fileURLToPath(new URL('../../../../examples/jet-technology/corrected/declaration.yaml', import.meta.url));
const YAML = readFileSync(corrected, 'utf8');
const PUBLIC_URL = 'https://pledge.example';

const publisher: Principal = { kind: 'api_key', keyId: 'k-publish', name: 'ci', scopes: ['declaration:publish', 'declaration:read'] };
const authenticate = async (req: FastifyRequest): Promise<Principal> => (req.headers.authorization === 'Bearer pk_publish' ? publisher : ANONYMOUS);

/** The config embedded in a served script: the argument of its wrapper. */
const embedded = (js: string) => JSON.parse(/\}\)\((\{.*\})\);\n$/s.exec(js)![1]!);

for (const kind of ['pglite', 'postgres'] as StoreKind[]) describe(`the cookie banner served by Pledge, /.well-known/gpc.json and Sec-GPC (${kind})`, async () => {
  const available = kind === 'pglite' || (await hasPostgres());
  let svc: TestService;
  let now = new Date('2026-03-02T10:00:00Z');
  let logs = '';
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, cb) => void ((logs += chunk.toString()), cb()) });
    if (!available) return;
    svc = await startTestService(kind, { publicUrl: `${PUBLIC_URL}/`, consentOrigins: 'https://www.jet.example' }, { authenticate, clock: { now: () => now }, logger: pino({ level: 'warn' }, sink) });
  });
  afterAll(async () => {
    await svc?.dispose();
  });
  const get = (url: string, headers: Record<string, string> = {}) => svc.app!.inject({ method: 'GET', url, headers });
  const publish = async (yaml: string, at: string) => {
    now = new Date(at);
    const res = await svc.app!.inject({ method: 'POST', url: '/api/declarations', headers: { authorization: 'Bearer pk_publish' }, payload: { files: { 'declaration.yaml': yaml }, entry: 'declaration.yaml' } });
    expect(res.statusCode, res.body).toBe(201);
  };

  it.runIf(available)('before anything is published: a 404 whose body is a harmless JavaScript comment saying why; no GPC resource', async () => {
    const res = await get('/consent/banner.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatch(/^\/\* Pledge cookie banner: no declaration is published yet.*\*\/\n$/s);
    expect(() => new Function(res.body)).not.toThrow();
    const gpc = await get('/.well-known/gpc.json');
    expect(gpc.statusCode).toBe(404);
    expect(gpc.json().error.code).toBe('not_found');
  });

  it.runIf(available)('a declaration without cookies gets the same clear 404', async () => {
    const noCookies = YAML.replace(/\ncookies:\n[\s\S]*?\n(?=\S)/, '\n');
    expect(noCookies).not.toMatch(/^cookies:/m);
    await publish(noCookies, '2026-03-01T09:00:00Z');
    const res = await get('/consent/banner.js');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('lists no cookies');
    expect(() => new Function(res.body)).not.toThrow();
  });

  let first: { etag: string; material: string };
  it.runIf(available)('serves the built banner with the published cookie table embedded: one valid script, cross-origin loadable, cached briefly, ETag', async () => {
    await publish(YAML, '2026-03-02T10:00:00Z');
    const res = await get('/consent/banner.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect(() => new Function(res.body)).not.toThrow();
    const config = embedded(res.body);
    expect(config).toMatchObject({
      declarationVersion: '2',
      endpoint: 'https://pledge.example/consent/receipts',
      noticeUrl: 'https://pledge.example/privacy',
      honourGlobalPrivacyControl: true,
      honourDoNotTrack: false,
    });
    expect(config.lang).toBeUndefined();
    expect(config.categories.map((c: { id: string; mode: string }) => `${c.id}:${c.mode}`)).toEqual(['strictly_necessary:always', 'statistics:opt_in', 'marketing:opt_in']);
    expect(config.categories[1].cookies.map((c: { name: string }) => c.name)).toEqual(['_ga, _ga_<container-id>', 'Google Tag Manager']);
    // Everything a page loads for the banner, JS and CSS, within the budget.
    expect(gzipSync(res.rawPayload, { level: 9 }).length).toBeLessThanOrEqual(6144);
    first = { etag: res.headers.etag as string, material: config.materialVersion };
    const again = await get('/consent/banner.js', { 'if-none-match': first.etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it.runIf(available)('warns once in the log when a site not in PLEDGE_CONSENT_ORIGINS loads it (its receipts will be refused)', async () => {
    await get('/consent/banner.js', { referer: 'https://www.jet.example/shop/basket' });
    await get('/consent/banner.js', { referer: 'https://pledge.example/privacy' });
    expect(logs).not.toContain('PLEDGE_CONSENT_ORIGINS');
    await get('/consent/banner.js', { referer: 'https://elsewhere.example/page?x=1' });
    await get('/consent/banner.js', { referer: 'https://elsewhere.example/other' });
    const lines = logs.split('\n').filter((l) => l.includes('PLEDGE_CONSENT_ORIGINS'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, origin: 'https://elsewhere.example' });
    expect(lines[0]).not.toContain('page?x=1');
  });

  it.runIf(available)('compresses with br or gzip as the browser accepts, the same script either way', async () => {
    const plain = (await get('/consent/banner.js')).rawPayload;
    const br = await get('/consent/banner.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(plain)).toBe(true);
    const gz = await get('/consent/banner.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain)).toBe(true);
    expect(gz.rawPayload.length).toBeLessThan(plain.length / 2);
    expect((await get('/consent/banner.js', { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
  });

  it.runIf(available)('?lang=cy serves the Welsh banner (a different ETag); an unknown language is a 400', async () => {
    const cy = await get('/consent/banner.js?lang=cy');
    expect(embedded(cy.body).lang).toBe('cy');
    expect(cy.headers.etag).not.toBe(first.etag);
    expect((await get('/consent/banner.js?lang=fr')).statusCode).toBe(400);
  });

  it.runIf(available)('a new version changes the ETag; the material version changes only when the cookie table does', async () => {
    // Durations are not material (what is stored and by whom is): sites revalidate, but nobody is asked again.
    await publish(YAML.replace('duration: 3 months', 'duration: 90 days'), '2026-04-01T10:00:00Z');
    const v3 = await get('/consent/banner.js', { 'if-none-match': first.etag });
    expect(v3.statusCode).toBe(200);
    expect(embedded(v3.body)).toMatchObject({ declarationVersion: '3', materialVersion: first.material });
    // A new marketing cookie is material: every stored choice is asked again.
    const withPixel = YAML.replace(
      '    - id: googletagmanager',
      '    - id: meta_pixel\n      name: _fbp\n      provider: Meta\n      recipient: google\n      category: marketing\n      purpose: Measuring adverts on Facebook.\n      duration: 3 months\n      party: third\n    - id: googletagmanager',
    );
    await publish(withPixel, '2026-05-01T10:00:00Z');
    const v4 = embedded((await get('/consent/banner.js')).body);
    expect(v4.declarationVersion).toBe('4');
    expect(v4.materialVersion).not.toBe(first.material);
  });

  it.runIf(available)('/.well-known/gpc.json says GPC is honoured since the version that introduced it, and changes when it is withdrawn', async () => {
    // Version 1 (no cookies) already honoured GPC by default; each later version too: support dates from 2026-03-01.
    const res = await get('/.well-known/gpc.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.json()).toEqual({ gpc: true, lastUpdate: '2026-03-01' });
    await publish(YAML.replace('honour_global_privacy_control: true', 'honour_global_privacy_control: false'), '2026-06-15T10:00:00Z');
    expect((await get('/.well-known/gpc.json')).json()).toEqual({ gpc: false, lastUpdate: '2026-06-15' });
    const banner = embedded((await get('/consent/banner.js')).body);
    expect(banner.honourGlobalPrivacyControl).toBe(false);
    await publish(YAML, '2026-07-01T10:00:00Z');
    expect((await get('/.well-known/gpc.json')).json()).toEqual({ gpc: true, lastUpdate: '2026-07-01' });
  });

  it.runIf(available)('the notice pages honour Sec-GPC: 1 (stating the categories refused) and say Vary: Sec-GPC', async () => {
    for (const url of ['/privacy', '/privacy/short']) {
      const without = await get(url);
      expect(without.headers.vary).toBe('Sec-GPC');
      expect(without.body).not.toContain('id="pledge-gpc"');
      const withGpc = await get(url, { 'sec-gpc': '1' });
      expect(withGpc.statusCode).toBe(200);
      expect(withGpc.headers.vary).toBe('Sec-GPC');
      expect(withGpc.body).toContain('<div class="pledge-notice pledge-extra" role="status" id="pledge-gpc"><p class="pledge-banner">Your browser sent a Global Privacy Control signal. We treat it as your refusal of statistics and marketing cookies');
      expect(withGpc.headers.etag).not.toBe(without.headers.etag);
      // A cache holding the page without GPC never answers a GPC request with it (and the reverse).
      expect((await get(url, { 'sec-gpc': '1', 'if-none-match': without.headers.etag as string })).statusCode).toBe(200);
    }
    expect((await get('/privacy', { 'sec-gpc': '0' })).body).not.toContain('id="pledge-gpc"');
    // Only the HTML depends on it.
    expect((await get('/privacy.json', { 'sec-gpc': '1' })).headers.vary).toBeUndefined();
  });
});
