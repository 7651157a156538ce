import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/src/accounts/create-api-key.js';
import type { AccountsDeps } from '../../server/src/accounts/accounts-deps.js';
import { publishDeclaration } from '../../server/src/declarations/publish-declaration.js';
import { consentTestDeclaration } from '../../server/src/consent/test-fixtures/consent-declaration.js';
import { TEST_OWNER } from '../../server/src/test-support/owner-authenticate.js';
import { startTestService, type TestService } from '../../server/src/test-support/test-service.js';
import { hashEmail, PledgeApiError, PledgeClient } from './index.js';

describe('@pledge/sdk against a running Pledge', () => {
  let svc: TestService;
  let writerKey = '';
  let readerKey = '';
  beforeAll(async () => {
    svc = await startTestService('pglite', { host: '127.0.0.1' }, { listen: true });
    await publishDeclaration(svc.deps, { files: { 'd.yaml': consentTestDeclaration() }, entry: 'd.yaml', actor: { type: 'system' } });
    const ctx = { ip: null, requestId: null };
    writerKey = (await createApiKey(svc.deps as unknown as AccountsDeps, TEST_OWNER, { name: 'crm', scopes: ['consent:write', 'consent:read'] }, ctx)).key;
    readerKey = (await createApiKey(svc.deps as unknown as AccountsDeps, TEST_OWNER, { name: 'mailer', scopes: ['consent:read'] }, ctx)).key;
  });
  afterAll(async () => {
    await svc?.dispose();
  });
  const client = (key = writerKey, ttl?: number) => new PledgeClient({ baseUrl: svc.address!, apiKey: key, ...(ttl !== undefined ? { cacheTtlMs: ttl } : {}) });

  it('hashes addresses exactly as the server does', async () => {
    expect(await hashEmail('  Ann@Example.COM ')).toBe(createHash('sha256').update('ann@example.com').digest('hex'));
  });

  it('records, then answers isAllowed from a cache its own writes invalidate', async () => {
    const pledge = client();
    const person = { subjectId: 'sdk-1' };
    expect(await pledge.isAllowed(person, 'newsletter')).toBe(false);
    expect(pledge.check(person, 'newsletter')).toBe(false);
    const r = await pledge.record({ person, choices: { newsletter: 'granted' }, method: 'form' });
    expect(r.status).toBe('recorded');
    expect(pledge.check(person, 'newsletter')).toBeUndefined();
    expect(await pledge.isAllowed(person, 'newsletter')).toBe(true);
    // Another system's write is seen when the cache expires (the TTL), not before.
    await client().record({ person, choices: { newsletter: 'refused' }, method: 'api' });
    expect(pledge.check(person, 'newsletter')).toBe(true);
    pledge.invalidate(person);
    expect(await pledge.isAllowed(person, 'newsletter')).toBe(false);
    expect(await pledge.isAllowed(person, 'no_such_purpose')).toBe(false);
  });

  it('answers isAllowed for a purpose consented to through the cookie banner from its categories (Jet "cookies")', async () => {
    const pledge = client();
    const person = { deviceId: 'sdkbanner000000000000000000000001' };
    expect(await pledge.isAllowed(person, 'cookies')).toBe(false);
    await pledge.record({ person, choices: { 'cookie:statistics': 'granted', 'cookie:marketing': 'granted' }, method: 'banner' });
    expect(await pledge.isAllowed(person, 'cookies')).toBe(true);
    await pledge.record({ person, choices: { 'cookie:marketing': 'refused' }, method: 'banner' });
    expect(await pledge.isAllowed(person, 'cookies')).toBe(false);
    expect(await pledge.isAllowed(person, 'cookie:statistics')).toBe(true);
  });

  it('never caches a subject\'s state read before a withdrawal made through a device linked to it', async () => {
    const deviceId = 'sdkrace0000000000000000000000001';
    const subject = { subjectId: 'sdk-race' };
    await client().linkDevice(deviceId, subject.subjectId);
    await client().record({ person: { deviceId }, choices: { 'cookie:statistics': 'granted' }, method: 'banner' });
    // The state request reaches Pledge before the withdrawal, but its answer arrives after the withdrawal is recorded.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/api/consent/state')) await held;
      return res;
    };
    const pledge = new PledgeClient({ baseUrl: svc.address!, apiKey: writerKey, fetch: slow });
    const reading = pledge.isAllowed(subject, 'cookie:statistics');
    await new Promise((r) => setTimeout(r, 100));
    await pledge.record({ person: { deviceId }, choices: { 'cookie:statistics': 'refused' }, method: 'banner' });
    release();
    expect(await reading).toBe(true);
    expect(pledge.check(subject, 'cookie:statistics')).toBeUndefined();
    expect(await pledge.isAllowed(subject, 'cookie:statistics')).toBe(false);
  });

  it('never caches a subject\'s state read before a device was linked to it', async () => {
    const deviceId = 'sdkrace0000000000000000000000002';
    const subject = { subjectId: 'sdk-race-link' };
    await client().record({ person: { subjectId: subject.subjectId }, choices: { 'cookie:marketing': 'granted' }, method: 'form' });
    await client().record({ person: { deviceId }, choices: { 'cookie:marketing': 'refused' }, method: 'banner' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/api/consent/state')) await held;
      return res;
    };
    const pledge = new PledgeClient({ baseUrl: svc.address!, apiKey: writerKey, fetch: slow });
    const reading = pledge.isAllowed(subject, 'cookie:marketing');
    await new Promise((r) => setTimeout(r, 100));
    await pledge.linkDevice(deviceId, subject.subjectId);
    release();
    expect(await reading).toBe(true);
    expect(pledge.check(subject, 'cookie:marketing')).toBeUndefined();
  });

  it('retries with one idempotency key: one receipt stored', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      const res = await fetch(input, init);
      // The first answer is lost on the way back, as on a dropped connection: the client retries.
      if (calls === 1) throw new TypeError('fetch failed');
      return res;
    };
    const pledge = new PledgeClient({ baseUrl: svc.address!, apiKey: writerKey, fetch: flaky });
    const r = await pledge.record({ person: { subjectId: 'sdk-retry' }, choices: { newsletter: 'granted' }, method: 'api' });
    expect(calls).toBe(2);
    expect(r.status).toBe('duplicate');
    const rows = await svc.deps.store.db.selectFrom('consent_receipts').select('id').where('subject_id', '=', 'sdk-retry').execute();
    expect(rows).toHaveLength(1);
  });

  it('records batches over 1,000 in several requests and reads state by email and device', async () => {
    const receipts = Array.from({ length: 1500 }, (_, i) => ({ person: { deviceId: `sdkdevice${String(i).padStart(20, '0')}` }, choices: { 'cookie:statistics': 'granted' as const }, method: 'import' as const }));
    const results = await client().recordBatch(receipts);
    expect(results).toHaveLength(1500);
    expect(results.every((r) => r.status === 'recorded')).toBe(true);
    expect(await client().isAllowed({ deviceId: receipts[1499]!.person.deviceId }, 'cookie:statistics')).toBe(true);
    await client().record({ person: { email: 'Sdk@Example.com' }, choices: { newsletter: 'granted' }, method: 'form' });
    expect(await client(readerKey).isAllowed({ email: 'sdk@example.com' }, 'newsletter')).toBe(true);
  });

  it('checks the suppression list by hash and makes unsubscribe headers', async () => {
    const pledge = client();
    expect(await pledge.isSuppressed('gone@example.com')).toBe(false);
    await pledge.record({ person: { email: 'gone@example.com' }, choices: { direct_marketing: 'refused' }, method: 'api' });
    expect(await client(readerKey).isSuppressed('GONE@example.com', 'newsletter')).toBe(true);
    const h = await pledge.unsubscribeHeaders({ email: 'gone@example.com', purpose: 'newsletter' });
    expect(h['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(h['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/consent\/unsubscribe\/[A-Za-z0-9_-]+>$/);
  });

  it('throws Pledge\'s errors with their code and message', async () => {
    const err = await client().record({ person: { subjectId: 'x' }, choices: { telepathy: 'granted' }, method: 'api' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PledgeApiError);
    expect(err).toMatchObject({ status: 422, code: 'unprocessable' });
    expect((err as Error).message).toContain('"telepathy"');
    const denied = await client(readerKey).record({ person: { subjectId: 'x' }, choices: { newsletter: 'granted' }, method: 'api' }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ status: 403 });
  });
});
