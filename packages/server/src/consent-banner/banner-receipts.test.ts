import { parseDeclaration } from '@pledge/core';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { consentTestDeclaration } from '../consent/test-fixtures/consent-declaration.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { BANNER_RATE_LIMIT, GPC_RATE_LIMIT } from './consent-banner-routes.js';

const SITE = 'https://www.jet.example';
const writer: Principal = { kind: 'api_key', keyId: 'k-write', name: 'crm', scopes: ['consent:write', 'consent:read'] };
const authenticate = async (req: FastifyRequest): Promise<Principal> => (req.headers.authorization === 'Bearer pk_write' ? writer : ANONYMOUS);
const api = { authorization: 'Bearer pk_write' };
const device = (n: number) => `dev${String(n).padStart(29, '0')}`;
const DECLARATION = consentTestDeclaration();
/** Purposes consented to through the cookie banner (consent mechanism cookie_banner): the only purposes its receipts may decide. */
const BANNER_PURPOSES = (parseDeclaration(DECLARATION).declaration?.purposes ?? [])
  .filter((p) => p.lawful_bases.some((b) => b.basis === 'consent' && b.consent?.mechanism === 'cookie_banner'))
  .map((p) => p.id);

/**
 * The banner's side of the consent ledger: POST /consent/receipts as the banner (and a visitor's own scripts) can use
 * it, and the rate limits on the banner's public endpoints. The Jet Technology declaration plus a consent-based
 * newsletter (consent/test-fixtures): cookie categories statistics and marketing, purposes newsletter (consent) and
 * legitimate-interests marketing.
 */
describe('the cookie banner\'s public endpoints: receipts (partial, linked devices) and rate limits', () => {
  let svc: TestService;
  let address = 0;
  /** Each test speaks from its own client address, so one test's burst does not limit another. */
  const from = () => `198.51.100.${++address}`;
  beforeAll(async () => {
    svc = await startTestService('pglite', { consentOrigins: SITE, consentRateLimit: 20 }, { authenticate });
    expect(BANNER_PURPOSES).toEqual(['cookies']);
    await publishDeclaration(svc.deps, { files: { 'd.yaml': DECLARATION }, entry: 'd.yaml', actor: { type: 'system' } });
  });
  afterAll(async () => {
    await svc?.dispose();
  });
  const receipt = (payload: object, remoteAddress: string, headers: Record<string, string> = {}) =>
    svc.app!.inject({ method: 'POST', url: '/consent/receipts', headers: { origin: SITE, 'content-type': 'application/json', ...headers }, payload, remoteAddress });
  const state = async (q: string) => {
    const res = await svc.app!.inject({ method: 'GET', url: `/api/consent/state?${q}`, headers: api });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { allowed: Record<string, boolean>; targets: { key: string; state: string | null; method: string | null }[] };
  };
  const stateOf = (s: Awaited<ReturnType<typeof state>>) => Object.fromEntries(s.targets.map((t) => [t.key, `${t.state}/${t.method}`]));

  it('accepts a receipt naming only some categories (a GPC or DNT receipt names the refused ones): the others keep their state', async () => {
    const ip = from();
    const d = device(1);
    expect((await receipt({ deviceId: d, choices: { statistics: 'granted', marketing: 'granted' }, method: 'banner' }, ip)).statusCode).toBe(202);
    for (const [method, category] of [['gpc', 'marketing'], ['dnt', 'statistics']] as const) {
      const res = await receipt({ deviceId: d, choices: { [category]: 'refused' }, method, declarationVersion: '1', page: '/' }, ip);
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json().status).toBe('recorded');
      if (method === 'gpc') expect(stateOf(await state(`deviceId=${d}`))).toMatchObject({ 'cookie:statistics': 'granted/banner', 'cookie:marketing': 'refused/gpc' });
    }
    expect(stateOf(await state(`deviceId=${d}`))).toMatchObject({ 'cookie:statistics': 'refused/dnt', 'cookie:marketing': 'refused/gpc' });
    const history = (await svc.app!.inject({ method: 'GET', url: `/api/consent/history?deviceId=${d}`, headers: api })).json() as { receipts: { choices: object; method: string }[] };
    // (A purpose consented to through the cookie banner follows these categories: only the categories are compared.)
    const categories = (c: object) => Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith('cookie:')));
    expect(history.receipts.map((r) => [r.method, categories(r.choices)])).toEqual([
      ['banner', { 'cookie:statistics': 'granted', 'cookie:marketing': 'granted' }],
      ['gpc', { 'cookie:marketing': 'refused' }],
      ['dnt', { 'cookie:statistics': 'refused' }],
    ]);
    // Still at least one category: an empty receipt says nothing and is refused.
    expect((await receipt({ deviceId: d, choices: {}, method: 'gpc' }, ip)).statusCode).toBe(400);
  });

  it('dates a resent receipt when the visitor chose (the browser\'s time), never after it arrived nor before the cookie\'s lifetime', async () => {
    const ip = from();
    const d = device(7);
    const now = Date.now();
    const twoHoursAgo = new Date(now - 2 * 3600 * 1000).toISOString();
    for (const [givenAt, key] of [[twoHoursAgo, 'a'], [new Date(now + 86400 * 1000).toISOString(), 'b'], ['2001-01-01T00:00:00Z', 'c']] as const) {
      const res = await receipt({ deviceId: d, choices: { statistics: 'refused' }, method: 'banner', idempotencyKey: key.repeat(32), givenAt }, ip);
      expect(res.statusCode, res.body).toBe(202);
    }
    const history = (await svc.app!.inject({ method: 'GET', url: `/api/consent/history?deviceId=${d}`, headers: api })).json() as { receipts: { givenAt: string; recordedAt: string }[] };
    const [past, future, ancient] = history.receipts;
    expect(past!.givenAt).toBe(twoHoursAgo);
    // A clock ahead of ours: dated when it arrived.
    const lag = (r: { givenAt: string; recordedAt: string }) => Date.parse(r.recordedAt) - Date.parse(r.givenAt);
    expect(lag(future!)).toBeGreaterThanOrEqual(0);
    expect(lag(future!)).toBeLessThan(1000);
    // Older than the banner's cookie can be: kept within 183 days of its arrival.
    expect(lag(ancient!) - 183 * 24 * 3600 * 1000).toBeGreaterThanOrEqual(0);
    expect(lag(ancient!) - 183 * 24 * 3600 * 1000).toBeLessThan(1000);
    expect((await receipt({ deviceId: d, choices: { statistics: 'refused' }, method: 'banner', givenAt: 'yesterday' }, ip)).statusCode).toBe(400);
    // A first send (no time: dated on arrival) whose answer was lost, resent with the time of the choice: the same receipt.
    const first = await receipt({ deviceId: d, choices: { marketing: 'refused' }, method: 'banner', idempotencyKey: 'd'.repeat(32) }, ip);
    const again = await receipt({ deviceId: d, choices: { marketing: 'refused' }, method: 'banner', idempotencyKey: 'd'.repeat(32), givenAt: twoHoursAgo }, ip);
    expect(again.json()).toEqual({ receiptId: first.json().receiptId, status: 'duplicate' });
  });

  it('a device linked to a known person: its banner receipts change that person\'s cookie categories, never a purpose', async () => {
    const ip = from();
    const d = device(2);
    const given = await svc.app!.inject({ method: 'POST', url: '/api/consent/receipts', headers: api, payload: { person: { subjectId: 'cust-7', email: 'cust7@example.com' }, choices: { newsletter: 'granted', 'cookie:statistics': 'granted' }, method: 'api' } });
    expect(given.statusCode, given.body).toBe(201);
    expect((await svc.app!.inject({ method: 'POST', url: '/api/consent/links', headers: api, payload: { deviceId: d, subjectId: 'cust-7' } })).json()).toEqual({ linked: true });
    const before = stateOf(await state('subjectId=cust-7'));
    expect(before).toMatchObject({ newsletter: 'granted/api', 'cookie:statistics': 'granted/api', direct_marketing: 'null/null' });
    const suppressions = async () => (await svc.deps.store.db.selectFrom('marketing_suppressions').select('email_hash').execute()).length;
    const suppressed = await suppressions();

    // Whoever holds the device id (it is in a cookie the site's scripts can read) can only speak about cookie categories.
    const tries: [object, number, RegExp][] = [
      [{ newsletter: 'refused' }, 422, /Unknown cookie category: "newsletter"\. The published declaration asks about: statistics, marketing\./],
      [{ direct_marketing: 'refused' }, 422, /Unknown cookie category: "direct_marketing"/],
      // A purpose the person may object to (legitimate interests), or one consented to through the banner, by its id.
      [{ enquiries: 'refused' }, 422, /Unknown cookie category: "enquiries"/],
      [{ cookies: 'granted' }, 422, /Unknown cookie category: "cookies"/],
      [{ 'cookie:statistics': 'refused' }, 422, /Unknown cookie category: "cookie:statistics"/],
    ];
    for (const [choices, status, message] of tries) {
      const res = await receipt({ deviceId: d, choices, method: 'banner' }, ip);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    for (const extra of [{ subjectId: 'cust-7' }, { email: 'cust7@example.com' }, { person: { subjectId: 'cust-7' } }, { age: 30 }]) {
      expect((await receipt({ deviceId: d, choices: { statistics: 'refused' }, method: 'banner', ...extra }, ip)).statusCode, JSON.stringify(extra)).toBe(400);
    }
    for (const method of ['api', 'preference_centre', 'unsubscribe']) {
      expect((await receipt({ deviceId: d, choices: { statistics: 'refused' }, method }, ip)).statusCode, method).toBe(400);
    }
    expect(stateOf(await state('subjectId=cust-7'))).toEqual(before);

    // What it can do: the person's cookie choice on that browser (a partial GPC receipt), nothing else.
    expect((await receipt({ deviceId: d, choices: { marketing: 'refused' }, method: 'gpc' }, ip)).statusCode).toBe(202);
    const after = stateOf(await state('subjectId=cust-7'));
    expect(after['cookie:marketing']).toBe('refused/gpc');
    // What changed: that category, and at most a purpose consented to through the cookie banner (it follows the banner's
    // categories: declared with consent mechanism cookie_banner, here "cookies"); never another purpose.
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.filter((k) => k !== 'cookie:marketing' && !BANNER_PURPOSES.includes(k))).toEqual([]);
    expect(after).toMatchObject({ newsletter: 'granted/api', direct_marketing: 'null/null', enquiries: before.enquiries, 'cookie:statistics': 'granted/api' });
    expect((await state('subjectId=cust-7')).allowed).toMatchObject({ newsletter: true, direct_marketing: true, 'cookie:statistics': true, 'cookie:marketing': false });
    // The marketing cookie refusal is not an objection to direct marketing by email: nothing is suppressed.
    expect(await suppressions()).toBe(suppressed);
    // Every receipt ever taken on the public route names cookie categories only (and the banner's purposes they decide).
    const publicRows = await svc.deps.store.db.selectFrom('consent_receipts').select(['choices', 'subject_id', 'email_hash']).where('actor_type', '=', 'public').execute();
    expect(publicRows.length).toBeGreaterThan(3);
    for (const row of publicRows) {
      const choices = (typeof row.choices === 'string' ? JSON.parse(row.choices) : row.choices) as Record<string, string>;
      expect(Object.keys(choices).every((k) => k.startsWith('cookie:') || BANNER_PURPOSES.includes(k)), JSON.stringify(choices)).toBe(true);
      expect([row.subject_id, row.email_hash]).toEqual([null, null]);
    }
  });

  it('a burst of receipts from one address gets 429 with a clear JSON error the site can read (CORS); other addresses go on', async () => {
    const ip = from();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await receipt({ deviceId: device(100 + i), choices: { statistics: 'refused' }, method: 'banner' }, ip)).statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(202));
    const limited = await receipt({ deviceId: device(200), choices: { statistics: 'refused' }, method: 'banner' }, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/json');
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many requests: wait a moment and try again.' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['access-control-allow-origin']).toBe(SITE);
    // Nothing from the limited address was stored past the limit.
    expect((await state(`deviceId=${device(200)}`)).targets.every((t) => t.state === null)).toBe(true);
    expect((await receipt({ deviceId: device(201), choices: { statistics: 'refused' }, method: 'banner' }, from())).statusCode).toBe(202);
  });

  it(`a burst on GET /consent/banner.js (over ${BANNER_RATE_LIMIT.max} a minute) gets 429 as a JavaScript comment, still loadable cross-origin`, async () => {
    const ip = from();
    let last = await svc.app!.inject({ method: 'GET', url: '/consent/banner.js', remoteAddress: ip });
    expect(last.statusCode).toBe(200);
    for (let i = 1; i < BANNER_RATE_LIMIT.max; i++) {
      last = await svc.app!.inject({ method: 'GET', url: '/consent/banner.js', remoteAddress: ip });
      if (last.statusCode !== 200) break;
    }
    expect(last.statusCode).toBe(200);
    const limited = await svc.app!.inject({ method: 'GET', url: '/consent/banner.js', remoteAddress: ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(limited.headers['cache-control']).toBe('no-store');
    expect(limited.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatch(/^\/\* Pledge cookie banner: too many requests for the banner from this network address \(more than 1200 a minute\); wait a minute and reload\. Request [\w-]+\. \*\/\n$/);
    expect(() => new Function(limited.body)).not.toThrow();
    expect((await svc.app!.inject({ method: 'GET', url: '/consent/banner.js', remoteAddress: from() })).statusCode).toBe(200);
  });

  it(`a burst on GET /.well-known/gpc.json (over ${GPC_RATE_LIMIT.max} a minute) gets the service's JSON 429, readable cross-origin`, async () => {
    const ip = from();
    for (let i = 0; i < GPC_RATE_LIMIT.max; i++) {
      const res = await svc.app!.inject({ method: 'GET', url: '/.well-known/gpc.json', remoteAddress: ip });
      if (res.statusCode !== 200) throw new Error(`request ${i + 1} got ${res.statusCode} before the limit`);
    }
    const limited = await svc.app!.inject({ method: 'GET', url: '/.well-known/gpc.json', remoteAddress: ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many requests: wait a moment and try again.' });
    expect(limited.headers['access-control-allow-origin']).toBe('*');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await svc.app!.inject({ method: 'GET', url: '/.well-known/gpc.json', remoteAddress: from() })).statusCode).toBe(200);
  });
});
