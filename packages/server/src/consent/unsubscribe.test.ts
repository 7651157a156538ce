import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type { FastifyRequest } from 'fastify';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { isSuppressed } from '../suppression/is-suppressed.js';
import { TestSmtp } from '../test-support/test-smtp.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { consentTestDeclaration } from './test-fixtures/consent-declaration.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The header block of a raw message, unfolded (RFC 5322 section 2.2.3), as name -> value. */
function headersOf(raw: string): Map<string, string> {
  const block = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new Map(block.split(/\r?\n/).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
}

const authenticate = async (req: FastifyRequest): Promise<Principal> =>
  req.headers.authorization === 'Bearer pk_write' ? { kind: 'api_key', keyId: 'k-mailer', name: 'mailer', scopes: ['consent:write', 'consent:read'] } : ANONYMOUS;

describe('one-click unsubscribe (RFC 8058) through a real SMTP server and HTTP', () => {
  let svc: TestService;
  const smtp = new TestSmtp();
  const received = smtp.received;
  beforeAll(async () => {
    await smtp.start();
    const port = await freePort();
    svc = await startTestService('pglite', { port, publicUrl: `http://127.0.0.1:${port}` }, { authenticate, listen: true });
    await publishDeclaration(svc.deps, { files: { 'd.yaml': consentTestDeclaration() }, entry: 'd.yaml', actor: { type: 'system' } });
  });
  afterAll(async () => {
    await svc?.dispose();
    await smtp.stop();
  });

  const sendNewsletter = async (to: string, headers: Record<string, string>) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'news@jet.example', to, subject: 'March news', text: 'Hello', headers });
    transport.close();
    return headersOf(received[received.length - 1]!);
  };

  it('puts the headers on a message, and a mail client\'s POST unsubscribes once, without redirect', async () => {
    const h = svc.deps.unsubscribeHeaders({ email: 'Reader@Example.com', purpose: 'newsletter' });
    const got = await sendNewsletter('reader@example.com', { 'List-Unsubscribe': h['List-Unsubscribe'], 'List-Unsubscribe-Post': h['List-Unsubscribe-Post'] });
    expect(got.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https?:\/\/[^>]+)>$/.exec(got.get('list-unsubscribe')!.replace(/\s+/g, ''))![1]!;
    expect(url.startsWith(`${svc.address}/consent/unsubscribe/`)).toBe(true);
    expect(url).not.toMatch(/reader|example/i);

    // What a mail client does (RFC 8058 section 3.1): POST the URL with this body, no cookies, no other state.
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('We will not send you emails about Newsletter again.');
    expect(await isSuppressed(svc.deps.store.db, { email: 'reader@example.com' }, 'newsletter')).toBe(true);
    expect(await isSuppressed(svc.deps.store.db, { email: 'reader@example.com' }, 'direct_marketing')).toBe(false);
    expect((await post()).status).toBe(200);
    const receipts = await svc.deps.store.db.selectFrom('consent_receipts').select(['method', 'choices']).where('method', '=', 'unsubscribe').execute();
    expect(receipts).toHaveLength(1);
    const multipart = await fetch(url, { method: 'POST', body: (() => { const f = new FormData(); f.set('List-Unsubscribe', 'One-Click'); return f; })(), redirect: 'manual' });
    expect(multipart.status).toBe(200);
  });

  it('GET shows a confirmation page (a link scanner unsubscribes no one); bad tokens and bodies are refused', async () => {
    const h = svc.deps.unsubscribeHeaders({ email: 'scan@example.com' });
    const page = await fetch(h.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    expect(html).not.toMatch(/<script/i);
    expect(await isSuppressed(svc.deps.store.db, { email: 'scan@example.com' })).toBe(false);
    expect((await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'something=else' })).status).toBe(400);
    const tampered = h.url.slice(0, -4) + (h.url.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await fetch(tampered, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    // Without a purpose: all marketing.
    expect((await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect(await isSuppressed(svc.deps.store.db, { email: 'scan@example.com' }, 'anything')).toBe(true);
  });

  it('treats an unsubscribe from marketing on legitimate interests as an objection: absolute, never lifted (Art 21(3))', async () => {
    const h = svc.deps.unsubscribeHeaders({ email: 'soft@example.com', purpose: 'direct_marketing' });
    const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await isSuppressed(svc.deps.store.db, { email: 'soft@example.com' }, 'direct_marketing')).toBe(true);
    // Staff (or a system with consent:write) try to lift it as if it were an unsubscribe from one list.
    const hash = createHash('sha256').update('soft@example.com').digest('hex');
    const lift = await fetch(`${svc.address}/api/consent/suppressions/${hash}?scope=direct_marketing&reason=unsubscribe`, { method: 'DELETE', headers: { authorization: 'Bearer pk_write' } });
    expect([200, 403]).toContain(lift.status);
    expect(await isSuppressed(svc.deps.store.db, { email: 'soft@example.com' }, 'direct_marketing')).toBe(true);
    const entries = await svc.deps.store.db.selectFrom('marketing_suppressions').select(['scope', 'reason']).where('email_hash', '=', hash).execute();
    expect(entries).toEqual([{ scope: '*', reason: 'objection' }]);
  });

  it('rate-limits per client address, generously (mail providers unsubscribe from shared infrastructure): a burst gets 429 with a clear error', async () => {
    const from = (remoteAddress: string, method: 'GET' | 'POST' = 'GET') =>
      svc.app!.inject({ method, url: '/consent/unsubscribe/not-a-token', remoteAddress, ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' } : {}) });
    const statuses: number[] = [];
    // Each route counts on its own: the mail client's POST here.
    for (let i = 0; i < 600; i++) statuses.push((await from('203.0.113.60', 'POST')).statusCode);
    expect(statuses.every((c) => c === 404)).toBe(true);
    const limited = await from('203.0.113.60', 'POST');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many requests: wait a moment and try again.' });
    expect((await from('203.0.113.61', 'POST')).statusCode).toBe(404);
    expect((await from('203.0.113.60')).statusCode).toBe(404);
  });

  it('gives the same headers through the API for other systems', async () => {
    const res = await fetch(`${svc.address}/api/consent/unsubscribe-headers`, { method: 'POST', headers: { authorization: 'Bearer pk_write', 'content-type': 'application/json' }, body: JSON.stringify({ email: 'api@example.com', purpose: 'newsletter' }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(body.headers['List-Unsubscribe']).toBe(`<${body.url}>`);
  });
});
