import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/read-audit.js';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { isSuppressed } from './is-suppressed.js';
import { suppressEmail } from './suppress-email.js';

async function authenticate(req: FastifyRequest): Promise<Principal> {
  if (req.headers.authorization === 'Bearer pk_read') return { kind: 'api_key', keyId: 'k-read', name: 'mailer', scopes: ['consent:read'] };
  if (req.headers.authorization === 'Bearer pk_write') return { kind: 'api_key', keyId: 'k-write', name: 'crm', scopes: ['consent:write', 'consent:read'] };
  return ANONYMOUS;
}
const reader = { authorization: 'Bearer pk_read' };
const writer = { authorization: 'Bearer pk_write' };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`suppression list on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (available) svc = await startTestService(kind, {}, { authenticate });
    });
    afterAll(async () => {
      await svc?.dispose();
    });
    const post = (url: string, payload: object, headers: Record<string, string> = writer) => svc.app!.inject({ method: 'POST', url, headers, payload });

    it.runIf(available)('stores only the hash of the normalised address, idempotently, audited once (also concurrently)', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => post('/api/consent/suppressions', { email: i % 2 ? '  Jo@Example.COM ' : 'jo@example.com', reason: 'unsubscribe' })),
      );
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      expect(results.filter((r) => r.json().added)).toHaveLength(1);
      expect(results[0]!.json().emailHash).toBe(sha('jo@example.com'));
      const rows = await svc.deps.store.db.selectFrom('marketing_suppressions').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain('example.com');
      const audit = await readAudit(svc.deps.store.db, { action: 'suppression.added' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: 'api_key', actorId: 'k-write', subjectId: sha('jo@example.com') });
    });

    it.runIf(available)('checks a batch of addresses and hashes, per purpose, with reasons', async () => {
      await post('/api/consent/suppressions', { email: 'news@example.com', reason: 'unsubscribe', scope: 'newsletter' });
      const res = await post('/api/consent/suppressions/check', { emails: ['JO@example.com', 'clean@example.com', 'news@example.com'], hashes: [sha('jo@example.com').toUpperCase()] }, reader);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().results.map((r: { suppressed: boolean }) => r.suppressed)).toEqual([true, false, true, true]);
      expect(res.json().results[0].entries[0]).toMatchObject({ reason: 'unsubscribe', scope: '*' });
      const offers = await post('/api/consent/suppressions/check', { emails: ['news@example.com'], purpose: 'offers' }, reader);
      expect(offers.json().results[0].suppressed).toBe(false);
      const news = await post('/api/consent/suppressions/check', { emails: ['news@example.com'], purpose: 'newsletter' }, reader);
      expect(news.json().results[0].suppressed).toBe(true);
      expect(await isSuppressed(svc.deps.store.db, { email: 'Clean@Example.com' })).toBe(false);
    });

    it.runIf(available)('refuses bad input and callers without the permission', async () => {
      expect((await post('/api/consent/suppressions/check', { emails: ['not an address'] }, reader)).statusCode).toBe(400);
      expect((await post('/api/consent/suppressions/check', {}, reader)).statusCode).toBe(400);
      expect((await post('/api/consent/suppressions/check', { hashes: ['abc'] }, reader)).statusCode).toBe(400);
      expect((await post('/api/consent/suppressions/check', { emails: Array.from({ length: 1001 }, (_, i) => `a${i}@x.test`) }, reader)).statusCode).toBe(400);
      expect((await post('/api/consent/suppressions/check', { emails: ['a@x.test'] }, {})).statusCode).toBe(401);
      expect((await post('/api/consent/suppressions', { email: 'a@x.test', reason: 'manual' }, reader)).statusCode).toBe(403);
      expect((await post('/api/consent/suppressions', { email: 'a@x.test', reason: 'whim' })).statusCode).toBe(400);
    });

    it.runIf(available)('never removes an objection, by API or by SQL; other entries can be lifted', async () => {
      const obj = await post('/api/consent/suppressions', { email: 'obj@example.com', reason: 'objection', scope: 'newsletter' });
      expect(obj.json()).toMatchObject({ scope: '*', added: true });
      const h = obj.json().emailHash;
      const del = await svc.app!.inject({ method: 'DELETE', url: `/api/consent/suppressions/${h}?reason=objection`, headers: writer });
      expect(del.statusCode).toBe(403);
      expect(del.json().error.message).toContain('Art 21(3)');
      await expect(sql`delete from marketing_suppressions where email_hash = ${h}`.execute(svc.deps.store.db)).rejects.toThrow(/absolute/);
      await expect(sql`update marketing_suppressions set reason = 'manual' where email_hash = ${h}`.execute(svc.deps.store.db)).rejects.toThrow(/never changed/);
      expect(await isSuppressed(svc.deps.store.db, { email: 'obj@example.com' }, 'anything')).toBe(true);
      // A later unsubscribe of the same address stands beside the objection; lifting it leaves the objection in force.
      await svc.deps.store.db.transaction().execute((trx) => suppressEmail(trx, svc.deps, { email: 'obj@example.com', reason: 'withdrawal', source: 'test', actor: { type: 'system' } }));
      const lift = await svc.app!.inject({ method: 'DELETE', url: `/api/consent/suppressions/${h}?reason=withdrawal`, headers: writer });
      expect(lift.json()).toEqual({ removed: true });
      expect(await isSuppressed(svc.deps.store.db, { emailHash: h })).toBe(true);
      expect((await readAudit(svc.deps.store.db, { action: 'suppression.lifted' })).length).toBe(1);
    });

    it.runIf(available)('lists in pages and exports CSV of hashes (audited)', async () => {
      const page1 = await svc.app!.inject({ method: 'GET', url: '/api/consent/suppressions?limit=2', headers: reader });
      expect(page1.statusCode, page1.body).toBe(200);
      expect(page1.json().entries).toHaveLength(2);
      const page2 = await svc.app!.inject({ method: 'GET', url: `/api/consent/suppressions?limit=100&cursor=${page1.json().nextCursor}`, headers: reader });
      const all = [...page1.json().entries, ...page2.json().entries];
      expect(new Set(all.map((e: { emailHash: string; scope: string; reason: string }) => `${e.emailHash}${e.scope}${e.reason}`)).size).toBe(all.length);
      expect(page2.json().nextCursor).toBeNull();
      const csv = await svc.app!.inject({ method: 'GET', url: '/api/consent/suppressions.csv', headers: reader });
      expect(csv.headers['content-type']).toContain('text/csv');
      const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(all.length);
      expect(rows.find((r) => r.reason === 'objection')).toMatchObject({ email_sha256: sha('obj@example.com'), scope: '*' });
      expect(csv.body).not.toContain('@');
      expect(await readAudit(svc.deps.store.db, { action: 'suppression.exported' })).toHaveLength(1);
      expect((await svc.app!.inject({ method: 'GET', url: '/api/consent/suppressions?cursor=bogus', headers: reader })).statusCode).toBe(400);
      // A cursor that parses as a date in JavaScript but not in SQL (a negative year) is a client mistake too, not a 500.
      const negative = Buffer.from('-001000-01-01T00:00:00.000Z|h|all|objection').toString('base64url');
      expect((await svc.app!.inject({ method: 'GET', url: `/api/consent/suppressions?cursor=${negative}`, headers: reader })).statusCode).toBe(400);
    });
  });
}
