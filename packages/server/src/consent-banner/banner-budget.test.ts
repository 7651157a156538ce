import { Writable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { correctedExample, withHugeCookieTable } from '../test-support/banner-declarations.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { BANNER_GZIP_BUDGET } from './banner-budget.js';

const publisher: Principal = { kind: 'api_key', keyId: 'k-publish', name: 'ci', scopes: ['declaration:publish', 'declaration:read'] };
const authenticate = async (req: FastifyRequest): Promise<Principal> => (req.headers.authorization === 'Bearer pk_publish' ? publisher : ANONYMOUS);

describe('the served banner\'s size budget, checked when a version is published', () => {
  let svc: TestService;
  let logs = '';
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, cb) => void ((logs += chunk.toString()), cb()) });
    svc = await startTestService('pglite', { publicUrl: 'https://pledge.example' }, { authenticate, logger: pino({ level: 'warn' }, sink) });
  });
  afterAll(async () => {
    await svc?.dispose();
  });
  const publish = async (yaml: string) => {
    const res = await svc.app!.inject({ method: 'POST', url: '/api/declarations', headers: { authorization: 'Bearer pk_publish' }, payload: { files: { 'declaration.yaml': yaml }, entry: 'declaration.yaml' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { version: number; warnings: { ruleId: string; severity: string; message: string; path: string }[] };
  };

  it('says nothing for a cookie table that fits', async () => {
    const r = await publish(correctedExample('jet-technology'));
    expect(r.warnings.filter((w) => w.ruleId === 'banner-size')).toEqual([]);
    expect(logs).not.toContain('budget');
  });

  it('publishes a huge cookie table, with a warning in the result and a log line giving the size the script is served at', async () => {
    const r = await publish(withHugeCookieTable(150));
    expect(r.version).toBe(2);
    const [w, ...more] = r.warnings.filter((x) => x.ruleId === 'banner-size');
    expect(more).toEqual([]);
    expect(w).toMatchObject({ severity: 'warning', path: 'cookies.items' });
    expect(w!.message).toMatch(/^The cookie banner served for version 2 is \d+\.\d KB gzipped, over the 6\.0 KB budget: .* \(154 cookies\)\. Shorten the cookies' purposes/);
    // The number is the size of what is served (gzip, as the browser receives it).
    const served = await svc.app!.inject({ method: 'GET', url: '/consent/banner.js', headers: { 'accept-encoding': 'gzip' } });
    expect(served.headers['content-encoding']).toBe('gzip');
    expect(served.rawPayload.length).toBeGreaterThan(BANNER_GZIP_BUDGET);
    const cy = await svc.app!.inject({ method: 'GET', url: '/consent/banner.js?lang=cy', headers: { 'accept-encoding': 'gzip' } });
    expect(w!.message).toContain(`${(Math.max(served.rawPayload.length, cy.rawPayload.length) / 1024).toFixed(1)} KB gzipped`);
    const lines = logs.split('\n').filter((l) => l.includes('over the 6.0 KB budget'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, version: 2, budget: 6144, cookies: 154 });
  });
});
