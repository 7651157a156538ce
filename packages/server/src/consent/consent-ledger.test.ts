import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/read-audit.js';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { isSuppressed } from '../suppression/is-suppressed.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { consentTestDeclaration } from './test-fixtures/consent-declaration.js';

async function authenticate(req: FastifyRequest): Promise<Principal> {
  if (req.headers.authorization === 'Bearer pk_read') return { kind: 'api_key', keyId: 'k-read', name: 'app', scopes: ['consent:read'] };
  if (req.headers.authorization === 'Bearer pk_write') return { kind: 'api_key', keyId: 'k-write', name: 'crm', scopes: ['consent:write', 'consent:read'] };
  if (req.headers.authorization === 'Bearer pk_other') return { kind: 'api_key', keyId: 'k-other', name: 'other', scopes: ['consent:write', 'consent:read'] };
  return ANONYMOUS;
}
const reader = { authorization: 'Bearer pk_read' };
const writer = { authorization: 'Bearer pk_write' };
const device = (n: number) => createHash('sha256').update(`device-${n}`).digest('hex').slice(0, 32);
const SITE = 'https://www.jet.example';

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`consent ledger on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    // One instant for every receipt unless a test moves it: concurrent receipts then tie on time and the id decides.
    let now = new Date('2026-03-02T10:00:00.000Z');
    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, { consentOrigins: SITE, bodyLimit: 262_144 }, { authenticate, clock: { now: () => now } });
      await publishDeclaration(svc.deps, { files: { 'd.yaml': consentTestDeclaration() }, entry: 'd.yaml', actor: { type: 'system' } });
    });
    afterAll(async () => {
      await svc?.dispose();
    });
    const inject = (method: 'GET' | 'POST', url: string, payload?: object | string, headers: Record<string, string> = writer) =>
      svc.app!.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    const record = (body: object, headers: Record<string, string> = writer) => inject('POST', '/api/consent/receipts', body, headers);
    const state = async (q: string) => {
      const res = await inject('GET', `/api/consent/state?${q}`, undefined, reader);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    it.runIf(available)('records a receipt and gives the current state per purpose and category', async () => {
      const res = await record({
        person: { subjectId: 'cust-1', email: 'Ann@Example.com' },
        choices: { newsletter: 'granted', 'cookie:statistics': 'refused' },
        method: 'form',
        declarationVersion: '2026-01-15',
        page: '/signup?email=ann@example.com#x',
        userAgent: 'Mozilla/5.0 test',
        ip: '203.0.113.77',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'recorded' });
      const s = await state('subjectId=cust-1');
      expect(s.allowed).toMatchObject({ newsletter: true, 'cookie:statistics': false, direct_marketing: true, cookies: false, 'cookie:marketing': false });
      expect(s.targets.find((t: { key: string }) => t.key === 'newsletter')).toMatchObject({ state: 'granted', method: 'form', mode: 'opt_in' });
      const row = await svc.deps.store.db.selectFrom('consent_receipts').selectAll().where('subject_id', '=', 'cust-1').executeTakeFirstOrThrow();
      expect(row.ip_truncated).toBe('203.0.113.0/24');
      expect(row.page).toBe('/signup');
      expect(row.email).not.toContain('@');
      expect(row.user_agent).not.toContain('Mozilla');
      expect(row.published_version).toBe(1);
      expect((await state('email=ann@example.com')).allowed.newsletter).toBe(true);
    });

    it.runIf(available)('refuses unknown purposes and categories by name, and purposes that do not rest on a choice', async () => {
      const res = await record({ person: { subjectId: 'x' }, choices: { newsletter: 'granted', telepathy: 'granted', recruitment: 'refused' }, method: 'api' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain('"telepathy", "recruitment" are not a purpose or cookie category');
      expect(res.json().error.details.unknown).toEqual(['telepathy', 'recruitment']);
      expect(res.json().error.details.offered).toContain('cookie:statistics');
      expect(await svc.deps.store.db.selectFrom('consent_receipts').select('id').where('subject_id', '=', 'x').execute()).toHaveLength(0);
    });

    it.runIf(available)('records an objection to a purpose on legitimate interests (Art 21(1)): the processing stops until it is withdrawn; not a marketing suppression', async () => {
      const res = await record({ person: { email: 'obi@example.com' }, choices: { enquiries: 'refused' }, method: 'form' });
      expect(res.statusCode, res.body).toBe(201);
      const s = await state('email=obi@example.com');
      expect(s.targets.find((t: { key: string }) => t.key === 'enquiries')).toMatchObject({ mode: 'object', state: 'refused', allowed: false });
      expect(s.allowed.direct_marketing).toBe(true);
      expect(s.suppressed).toEqual([]);
      await record({ person: { email: 'obi@example.com' }, choices: { enquiries: 'granted' }, method: 'form' });
      expect((await state('email=obi@example.com')).allowed.enquiries).toBe(true);
    });

    it.runIf(available)('Jet, "Accept all" in the banner: the cookies purpose is granted with its categories, in state, history and allowed; refused with one of them', async () => {
      const dev = device(4242);
      const post = (choices: Record<string, string>, idempotencyKey: string) =>
        svc.app!.inject({ method: 'POST', url: '/consent/receipts', headers: { origin: SITE }, payload: { deviceId: dev, choices, method: 'banner', idempotencyKey } });
      expect((await post({ statistics: 'granted', marketing: 'granted' }, 'accept-all-0001')).statusCode).toBe(202);
      const s = await state(`deviceId=${dev}`);
      expect(s.allowed).toMatchObject({ cookies: true, 'cookie:statistics': true, 'cookie:marketing': true });
      expect(s.targets.find((t: { key: string }) => t.key === 'cookies')).toMatchObject({ state: 'granted', method: 'banner', follows: ['cookie:statistics', 'cookie:marketing'] });
      const history = (await inject('GET', `/api/consent/history?deviceId=${dev}`, undefined, reader)).json().receipts;
      expect(history.map((r: { choices: object }) => r.choices)).toEqual([{ 'cookie:statistics': 'granted', 'cookie:marketing': 'granted', cookies: 'granted' }]);
      // Linked to a person, the SDK's question "may I use cookies for cust-4242?" gets the same answer.
      await inject('POST', '/api/consent/links', { deviceId: dev, subjectId: 'cust-4242' });
      expect((await state('subjectId=cust-4242')).allowed.cookies).toBe(true);
      now = new Date(now.getTime() + 1000);
      expect((await post({ marketing: 'refused' }, 'marketing-off-01')).statusCode).toBe(202);
      expect((await state(`deviceId=${dev}`)).allowed).toMatchObject({ cookies: false, 'cookie:statistics': true, 'cookie:marketing': false });
      // The purpose is never named on its own: one key per choice, whoever records it (banner, GPC, API).
      const direct = await record({ person: { subjectId: 'cust-4242' }, choices: { cookies: 'granted' }, method: 'api' });
      expect(direct.statusCode).toBe(422);
      expect(direct.json().error.message).toContain('"cookies" is consented to through the cookie banner: record its cookie categories (cookie:statistics, cookie:marketing) instead');
      expect(direct.json().error.details).toMatchObject({ reason: 'cookie_banner_purpose', purposes: ['cookies'] });
    });

    it.runIf(available)('answers malformed, incomplete and oversized receipts with a clear 4xx', async () => {
      const cases: [object | string, number, RegExp][] = [
        ['{"person": ', 400, /JSON/i],
        [{ person: {}, choices: { newsletter: 'granted' }, method: 'api' }, 400, /name the person/],
        [{ person: { subjectId: 'a' }, choices: {}, method: 'api' }, 400, /choices is empty/],
        [{ person: { subjectId: 'a' }, choices: { newsletter: 'yes' }, method: 'api' }, 400, /choices/],
        [{ person: { subjectId: 'a' }, choices: { newsletter: 'granted' }, method: 'telepathy' }, 400, /method/],
        [{ person: { subjectId: 'a', name: 'Ann' }, choices: { newsletter: 'granted' }, method: 'api' }, 400, /name/],
        [{ person: { email: 'not-an-address' }, choices: { newsletter: 'granted' }, method: 'api' }, 400, /not an email address/],
        [{ person: { subjectId: 'a' }, choices: { newsletter: 'granted' }, method: 'api', page: 'x'.repeat(3000) }, 400, /page/],
      ];
      for (const [body, status, message] of cases) {
        const res = await svc.app!.inject({ method: 'POST', url: '/api/consent/receipts', headers: { ...writer, 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().error.message).toMatch(message);
      }
      const huge = { receipts: Array.from({ length: 1001 }, () => ({ person: { subjectId: 'a' }, choices: { newsletter: 'granted' }, method: 'api' })) };
      expect((await inject('POST', '/api/consent/receipts/batch', huge)).statusCode).toBe(400);
      const tooBig = await inject('POST', '/api/consent/receipts', { person: { subjectId: 'a' }, choices: { newsletter: 'granted' }, method: 'api', userAgent: 'x'.repeat(300_000) });
      expect(tooBig.statusCode).toBe(413);
      expect((await record({ person: { subjectId: 'a' }, choices: { newsletter: 'granted' }, method: 'api' }, reader)).statusCode).toBe(403);
      expect((await record({ person: { subjectId: 'a' }, choices: { newsletter: 'granted' }, method: 'api' }, {})).statusCode).toBe(401);
    });

    it.runIf(available)('stores one receipt per idempotency key, also when the retries race; other content under the key is a conflict', async () => {
      const body = { person: { subjectId: 'retry-1' }, choices: { newsletter: 'granted' }, method: 'api', idempotencyKey: 'retry-key-0001' };
      const results = await Promise.all(Array.from({ length: 12 }, () => record(body)));
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(11);
      expect(new Set(results.map((r) => r.json().receiptId)).size).toBe(1);
      const batch = await inject('POST', '/api/consent/receipts/batch', { receipts: [body, body, { ...body, idempotencyKey: 'retry-key-0002' }] });
      expect(batch.json().results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'recorded']);
      const count = await svc.deps.store.db.selectFrom('consent_receipts').select(sql<number>`count(*)::int`.as('n')).where('subject_id', '=', 'retry-1').executeTakeFirstOrThrow();
      expect(count.n).toBe(2);
      const other = await record({ ...body, choices: { newsletter: 'refused' } });
      expect(other.statusCode).toBe(409);
      // Keys are scoped to the caller: another system's key of the same name is its own.
      expect((await record(body, { authorization: 'Bearer pk_other' })).statusCode).toBe(201);
    });

    it.runIf(available)('resolves concurrent receipts for one person to one deterministic latest state (recorded time, then sequence)', async () => {
      const choices = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 'granted' : 'refused'));
      await Promise.all(choices.map((c, i) => record({ person: { subjectId: 'race-1' }, choices: { newsletter: c, 'cookie:statistics': i % 2 ? 'granted' : 'refused' }, method: 'api' })));
      const rows = await svc.deps.store.db.selectFrom('consent_receipts').select(['id', 'choices', 'receipt_id']).where('subject_id', '=', 'race-1').orderBy('recorded_at', 'desc').orderBy('id', 'desc').execute();
      expect(rows).toHaveLength(20);
      const last = rows[0]!;
      const lastChoices = typeof last.choices === 'string' ? JSON.parse(last.choices) : last.choices;
      const reads = await Promise.all(Array.from({ length: 5 }, () => state('subjectId=race-1')));
      for (const s of reads) {
        const nl = s.targets.find((t: { key: string }) => t.key === 'newsletter');
        expect(nl.receiptId).toBe(last.receipt_id);
        expect(nl.state).toBe(lastChoices.newsletter);
        expect(s.targets.find((t: { key: string }) => t.key === 'cookie:statistics').state).toBe(lastChoices['cookie:statistics']);
      }
      // A later instant wins over any sequence.
      now = new Date(now.getTime() + 1000);
      await record({ person: { subjectId: 'race-1' }, choices: { newsletter: 'refused' }, method: 'api' });
      expect((await state('subjectId=race-1')).allowed.newsletter).toBe(false);
    });

    it.runIf(available)('keeps receipts append-only: the store refuses to change or delete one', async () => {
      await expect(sql`update consent_receipts set choices = '{}'::jsonb`.execute(svc.deps.store.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from consent_receipts`.execute(svc.deps.store.db)).rejects.toThrow(/append-only/);
    });

    it.runIf(available)('records a batch all or none', async () => {
      const receipts = Array.from({ length: 500 }, (_, i) => ({ person: { deviceId: device(1000 + i) }, choices: { 'cookie:statistics': 'granted' }, method: 'import' }));
      const ok = await inject('POST', '/api/consent/receipts/batch', { receipts });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().results.every((r: { status: string }) => r.status === 'recorded')).toBe(true);
      const bad = await inject('POST', '/api/consent/receipts/batch', { receipts: [...receipts.slice(0, 3).map((r) => ({ ...r, person: { deviceId: device(5000) } })), { person: { subjectId: 'b' }, choices: { nope: 'granted' }, method: 'api' }] });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toMatch(/^receipts\[3\]: "nope"/);
      expect((await state(`deviceId=${device(5000)}`)).targets.every((t: { state: unknown }) => t.state === null)).toBe(true);
    });

    it.runIf(available)('feeds the suppression list from marketing choices: objection absolute, withdrawal lifted by fresh consent', async () => {
      await record({ person: { email: 'bob@example.com' }, choices: { newsletter: 'refused' }, method: 'form' });
      expect(await isSuppressed(svc.deps.store.db, { email: 'bob@example.com' }, 'newsletter')).toBe(true);
      expect(await isSuppressed(svc.deps.store.db, { email: 'bob@example.com' }, 'direct_marketing')).toBe(false);
      await record({ person: { email: 'bob@example.com' }, choices: { newsletter: 'granted' }, method: 'form' });
      expect(await isSuppressed(svc.deps.store.db, { email: 'bob@example.com' }, 'newsletter')).toBe(false);
      expect((await state('email=bob@example.com')).allowed.newsletter).toBe(true);
      await record({ person: { email: 'bob@example.com' }, choices: { direct_marketing: 'refused' }, method: 'api' });
      const s = await state('email=bob@example.com');
      expect(s.suppressed).toEqual([{ scope: '*', reason: 'objection' }]);
      // Objection to direct marketing is absolute: even a later grant of the newsletter does not allow marketing.
      await record({ person: { email: 'bob@example.com' }, choices: { newsletter: 'granted', direct_marketing: 'granted' }, method: 'form' });
      const after = await state('email=bob@example.com');
      expect(after.allowed).toMatchObject({ newsletter: false, direct_marketing: false });
      expect(await isSuppressed(svc.deps.store.db, { email: 'bob@example.com' })).toBe(true);
    });

    it.runIf(available)('applies the age rule to a person whose age the ledger already knows, when a later receipt leaves it out', async () => {
      await record({ person: { subjectId: 'kid-2' }, choices: { newsletter: 'refused' }, method: 'form', age: 11 });
      // The same child, a moment later, without the age: still needs a parent's consent (Art 8).
      const res = await record({ person: { subjectId: 'kid-2' }, choices: { newsletter: 'granted' }, method: 'form' });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.details).toMatchObject({ reason: 'parental_consent_required', age: 13 });
      expect((await state('subjectId=kid-2')).allowed.newsletter).toBe(false);
      // With the evidence, or with an age the caller now states, it is recorded.
      const ok = await record({ person: { subjectId: 'kid-2' }, choices: { newsletter: 'granted' }, method: 'form', parentalConsent: { method: 'parent confirmed by email', reference: 'ticket 9' } });
      expect(ok.statusCode, ok.body).toBe(201);
      const adult = await record({ person: { subjectId: 'kid-3' }, choices: { newsletter: 'refused' }, method: 'form', age: 11 });
      expect(adult.statusCode).toBe(201);
      expect((await record({ person: { subjectId: 'kid-3' }, choices: { newsletter: 'granted' }, method: 'form', age: 14 })).statusCode).toBe(201);
    });

    it.runIf(available)('keeps an objection absolute for a person known without an address (subject or device)', async () => {
      await record({ person: { subjectId: 'dora' }, choices: { direct_marketing: 'refused' }, method: 'form' });
      // Later receipts "grant" marketing (an import, another system's form): the objection still stands (Art 21(3)).
      await record({ person: { subjectId: 'dora' }, choices: { direct_marketing: 'granted', newsletter: 'granted' }, method: 'import' });
      expect((await state('subjectId=dora')).allowed).toMatchObject({ direct_marketing: false, newsletter: false });
      const dev = device(77);
      await record({ person: { deviceId: dev }, choices: { direct_marketing: 'refused' }, method: 'api' });
      await record({ person: { deviceId: dev }, choices: { direct_marketing: 'granted' }, method: 'api' });
      expect((await state(`deviceId=${dev}`)).allowed.direct_marketing).toBe(false);
      // Another person is not touched by it.
      await record({ person: { subjectId: 'ed' }, choices: { newsletter: 'granted' }, method: 'form' });
      expect((await state('subjectId=ed')).allowed).toMatchObject({ direct_marketing: true, newsletter: true });
    });

    it.runIf(available)('never lets an imported older consent undo a later withdrawal (Art 7(3))', async () => {
      await record({ person: { email: 'carol@example.com', subjectId: 'carol' }, choices: { newsletter: 'refused', 'cookie:statistics': 'refused' }, method: 'preference_centre' });
      expect(await isSuppressed(svc.deps.store.db, { email: 'carol@example.com' }, 'newsletter')).toBe(true);
      // Later, an import brings in the sign-up form's consent from 2020: proof of the past, not a new choice.
      const imported = await record({ person: { email: 'carol@example.com', subjectId: 'carol' }, choices: { newsletter: 'granted', 'cookie:statistics': 'granted' }, method: 'import', givenAt: '2020-05-01T09:00:00Z' });
      expect(imported.statusCode, imported.body).toBe(201);
      expect(await isSuppressed(svc.deps.store.db, { email: 'carol@example.com' }, 'newsletter')).toBe(true);
      const s = await state('email=carol@example.com');
      expect(s.allowed).toMatchObject({ newsletter: false, 'cookie:statistics': false });
      expect(s.targets.find((x: { key: string }) => x.key === 'newsletter')).toMatchObject({ state: 'refused', method: 'preference_centre' });
      expect((await state('subjectId=carol')).allowed['cookie:statistics']).toBe(false);
      // A fresh consent given after the withdrawal still lifts it.
      await record({ person: { email: 'carol@example.com' }, choices: { newsletter: 'granted' }, method: 'form' });
      expect(await isSuppressed(svc.deps.store.db, { email: 'carol@example.com' }, 'newsletter')).toBe(false);
      expect((await state('email=carol@example.com')).allowed.newsletter).toBe(true);
    });

    it.runIf(available)('applies the declared age rule for children (Art 8): under 13 needs evidence of a parent\'s consent', async () => {
      const child = { person: { subjectId: 'kid-1' }, choices: { newsletter: 'granted' }, method: 'form', age: 12 };
      const refused = await record(child);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ details: { reason: 'parental_consent_required', age: 13, purposes: ['newsletter'] } });
      expect(refused.json().error.message).toMatch(/under the age of 13 .*Art 8/);
      expect((await record({ ...child, choices: { newsletter: 'refused' } })).statusCode).toBe(201);
      const withParent = await record({ ...child, parentalConsent: { method: 'Parent confirmed by email reply from the account holder', reference: 'ticket 4411' } });
      expect(withParent.statusCode, withParent.body).toBe(201);
      expect((await record({ ...child, age: 13 })).statusCode).toBe(201);
    });

    it.runIf(available)('takes the banner\'s receipts on the public route: device ids only, text/plain JSON, CORS for the site', async () => {
      const body = { deviceId: device(1), choices: { statistics: 'granted', marketing: 'refused' }, method: 'banner', declarationVersion: '2026-01-15', page: '/', idempotencyKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
      const res = await svc.app!.inject({ method: 'POST', url: '/consent/receipts', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SITE, 'user-agent': 'UA' }, payload: JSON.stringify(body) });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.headers['access-control-allow-origin']).toBe(SITE);
      const again = await svc.app!.inject({ method: 'POST', url: '/consent/receipts', headers: { 'content-type': 'application/json' }, payload: body });
      expect(again.json().status).toBe('duplicate');
      expect((await state(`deviceId=${device(1)}`)).allowed).toMatchObject({ 'cookie:statistics': true, 'cookie:marketing': false });
      const pre = await svc.app!.inject({ method: 'OPTIONS', url: '/consent/receipts', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(SITE);
      const evil = await svc.app!.inject({ method: 'POST', url: '/consent/receipts', headers: { origin: 'https://evil.example' }, payload: body });
      expect(evil.statusCode).toBe(403);
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });

    it.runIf(available)('lets nothing a visitor sends change another person\'s state', async () => {
      const before = await state('subjectId=cust-1');
      for (const payload of [
        { deviceId: device(2), choices: { statistics: 'granted' }, method: 'banner', subjectId: 'cust-1' },
        { deviceId: device(2), choices: { statistics: 'granted' }, method: 'banner', email: 'ann@example.com' },
        { person: { subjectId: 'cust-1' }, choices: { newsletter: 'refused' }, method: 'api' },
        { deviceId: device(2), choices: { statistics: 'granted' }, method: 'preference_centre' },
        { deviceId: 'short', choices: { statistics: 'granted' }, method: 'banner' },
      ]) {
        const res = await svc.app!.inject({ method: 'POST', url: '/consent/receipts', payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
      const unknown = await svc.app!.inject({ method: 'POST', url: '/consent/receipts', payload: { deviceId: device(2), choices: { newsletter: 'granted', tracking: 'granted' }, method: 'banner' } });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error.message).toBe('Unknown cookie categories: "newsletter", "tracking". The published declaration asks about: statistics, marketing.');
      // A visitor who knows another device's idempotency key still cannot touch that device: keys are scoped to the device.
      const res = await svc.app!.inject({ method: 'POST', url: '/consent/receipts', payload: { deviceId: device(3), choices: { statistics: 'refused' }, method: 'banner', idempotencyKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' } });
      expect(res.json().status).toBe('recorded');
      expect((await state(`deviceId=${device(1)}`)).allowed['cookie:statistics']).toBe(true);
      expect(await state('subjectId=cust-1')).toEqual(before);
    });

    it.runIf(available)('links a device to a subject, whose state then includes the device\'s choices (audited)', async () => {
      const link = await inject('POST', '/api/consent/links', { deviceId: device(1), subjectId: 'linked-1' });
      expect(link.json()).toEqual({ linked: true });
      expect((await inject('POST', '/api/consent/links', { deviceId: device(1), subjectId: 'linked-1' })).json()).toEqual({ linked: false });
      expect((await inject('POST', '/api/consent/links', { deviceId: device(1), subjectId: 'someone-else' })).statusCode).toBe(409);
      expect((await state('subjectId=linked-1')).allowed['cookie:statistics']).toBe(true);
      expect((await readAudit(svc.deps.store.db, { action: 'consent.device_linked' })).filter((e) => JSON.stringify(e).includes('linked-1'))).toHaveLength(1);
    });

    it.runIf(available)('exports the full history of a person and of a period as JSON and CSV (audited)', async () => {
      const json = await inject('GET', '/api/consent/history?subjectId=kid-1', undefined, reader);
      expect(json.statusCode, json.body).toBe(200);
      const receipts = json.json().receipts;
      expect(receipts.map((r: { choices: Record<string, string> }) => r.choices.newsletter)).toEqual(['refused', 'granted', 'granted']);
      expect(receipts[1]).toMatchObject({ age: 12, parentalConsent: { reference: 'ticket 4411' }, method: 'form', actor: { type: 'api_key', id: 'k-write' } });
      const ann = (await inject('GET', '/api/consent/history?email=ANN@example.com&format=csv', undefined, reader)).body;
      const rows = parse(ann, { columns: true }) as Record<string, string>[];
      // The statistics refusal also refused the purpose consented to through the banner, which covers it (withCookiePurposes).
      expect(rows.map((r) => [r.purpose_or_category, r.choice]).sort()).toEqual([['cookie:statistics', 'refused'], ['cookies', 'refused'], ['newsletter', 'granted']]);
      expect(rows.find((r) => r.purpose_or_category === 'newsletter')).toMatchObject({ email: 'Ann@Example.com', ip_truncated: '203.0.113.0/24', user_agent: 'Mozilla/5.0 test', page: '/signup', declaration_version: '2026-01-15' });
      // A period, in pages, then as one CSV.
      const p1 = (await inject('GET', '/api/consent/history?since=2026-01-01T00:00:00Z&limit=100', undefined, reader)).json();
      expect(p1.receipts).toHaveLength(100);
      const p2 = (await inject('GET', `/api/consent/history?since=2026-01-01T00:00:00Z&limit=10000&after=${p1.next}`, undefined, reader)).json();
      const total = await svc.deps.store.db.selectFrom('consent_receipts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      expect(p1.receipts.length + p2.receipts.length).toBe(total.n);
      expect(new Set([...p1.receipts, ...p2.receipts].map((r: { receiptId: string }) => r.receiptId)).size).toBe(total.n);
      const csv = await inject('GET', '/api/consent/history?since=2026-01-01T00:00:00Z&format=csv', undefined, reader);
      const all = parse(csv.body, { columns: true }) as Record<string, string>[];
      expect(new Set(all.map((r) => r.receipt_id)).size).toBe(total.n);
      expect((await inject('GET', '/api/consent/history', undefined, reader)).statusCode).toBe(400);
      // A sequence beyond the store's bigint range is the caller's mistake: a 400, not a 500 from the database.
      const huge = await inject('GET', '/api/consent/history?since=2026-01-01T00:00:00Z&after=9999999999999999999', undefined, reader);
      expect(huge.statusCode, huge.body).toBe(400);
      // Not a number at all: the same clear 400 (found by the route fuzzer in http/no-server-errors.test.ts).
      expect((await inject('GET', '/api/consent/history?since=2026-01-01T00:00:00Z&after=x', undefined, reader)).statusCode).toBe(400);
      expect((await readAudit(svc.deps.store.db, { action: 'consent.exported' })).length).toBeGreaterThanOrEqual(4);
    });
  });
}
