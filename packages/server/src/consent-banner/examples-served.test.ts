import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { COOKIE_EXAMPLES, correctedExample } from '../test-support/banner-declarations.js';
import { startTestService, type TestService } from '../test-support/test-service.js';

const publisher: Principal = { kind: 'api_key', keyId: 'k-publish', name: 'ci', scopes: ['declaration:publish', 'declaration:read'] };
const authenticate = async (req: FastifyRequest): Promise<Principal> => (req.headers.authorization === 'Bearer pk_publish' ? publisher : ANONYMOUS);

/** The config embedded in a served banner: the argument of its wrapper. */
const embedded = (js: string) => JSON.parse(/\}\)\((\{.*\})\);\n$/s.exec(js)![1]!) as { categories: { id: string; mode: string; cookies: { name: string }[] }[]; honourDoNotTrack: boolean };

/** What each seed's corrected cookie table asks about (category:mode), from its declaration. */
const EXPECTED: Record<(typeof COOKIE_EXAMPLES)[number], string[] | 'no banner'> = {
  'jet-technology': ['strictly_necessary:always', 'statistics:opt_in', 'marketing:opt_in'],
  jumpmind: ['strictly_necessary:always', 'statistics:opt_in'],
  juxt: ['strictly_necessary:always', 'functionality:opt_in', 'statistics:opt_in'],
  // Only a strictly necessary cookie (csrf_token): nothing to ask (PECR reg 6(4)).
  'jupiter-edtech': 'no banner',
};

describe('/consent/banner.js for each seed\'s corrected declaration', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService('pglite', { publicUrl: 'https://pledge.example' }, { authenticate });
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  for (const seed of COOKIE_EXAMPLES) {
    it(`${seed}: a 200 script, JavaScript, under 6 KB gzipped, with its cookie categories`, async () => {
      const pub = await svc.app!.inject({ method: 'POST', url: '/api/declarations', headers: { authorization: 'Bearer pk_publish' }, payload: { files: { 'declaration.yaml': correctedExample(seed) }, entry: 'declaration.yaml' } });
      expect(pub.statusCode, pub.body).toBe(201);
      expect(pub.json().warnings.map((w: { ruleId: string }) => w.ruleId)).not.toContain('banner-size');
      for (const lang of ['', '?lang=cy']) {
        const res = await svc.app!.inject({ method: 'GET', url: `/consent/banner.js${lang}` });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
        expect(res.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
        expect(res.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
        expect(gzipSync(res.rawPayload, { level: 9 }).length).toBeLessThanOrEqual(6144);
        expect(() => new Function(res.body)).not.toThrow();
        const expected = EXPECTED[seed];
        if (expected !== 'no banner') {
          expect(embedded(res.body).categories.map((c) => `${c.id}:${c.mode}`)).toEqual(expected);
          continue;
        }
        // No banner: a comment saying why, and the page API answering as the banner would before any choice.
        expect(res.body).toMatch(/^\/\* Pledge cookie banner: declaration version \d+ lists only strictly necessary cookies \(csrf_token\), which need no consent \(PECR reg 6\(4\)\), so no banner is shown\. The notice at https:\/\/pledge\.example\/privacy explains them\. \*\/\n/);
        expect(res.rawPayload.length).toBeLessThan(600);
        const window: { pledgeConsent?: { open(): unknown; get(): unknown; allowed(c: string): boolean } } = {};
        runInNewContext(res.body, { window });
        expect(window.pledgeConsent!.get()).toBeNull();
        expect(window.pledgeConsent!.allowed('strictly_necessary')).toBe(true);
        expect(['functionality', 'statistics', 'marketing'].map((c) => window.pledgeConsent!.allowed(c))).toEqual([false, false, false]);
        expect(window.pledgeConsent!.open()).toBeUndefined();
        // Loaded twice (the line on a page that also has the full banner, say): it leaves an existing API alone.
        const existing = { pledgeConsent: { marker: true } };
        runInNewContext(res.body, { window: existing });
        expect(existing.pledgeConsent).toEqual({ marker: true });
      }
    });
  }
});
