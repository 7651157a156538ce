import { Writable } from 'node:stream';
import { Secret, TOTP } from 'otpauth';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import type { Clock } from '../clock.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { csrfOf, FormBrowser } from './form-browser.js';

const PASSWORD = 'correct horse battery pledge';
const HOSTILE = '<script>alert(1)</script>';
let ipCounter = 1;
const nextIp = () => `10.44.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

/** A clock the test moves by hand (TOTP codes are one-time per 30-second step). */
function testClock(start = '2026-03-02T09:00:00.000Z'): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

describe('staff pages (setup, sign-in, account, two-step verification)', () => {
  const clock = testClock();
  let logs = '';
  let svc: TestService;
  let app: NonNullable<TestService['app']>;
  let setupToken: string;
  const totpCode = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: clock.now().getTime() });
  const userCount = async () => (await svc.deps.store.db.selectFrom('users').select('id').execute()).length;

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, cb) => void ((logs += chunk.toString()), cb()) });
    svc = await startTestService('pglite', { publicUrl: 'https://privacy.example.test' }, { clock, logger: pino({ level: 'info' }, sink) });
    app = svc.app!;
    // The first-run link the service logs, as the person setting Pledge up would find it.
    const url = /Create the owner at (\S+) \(valid until/.exec(logs)?.[1];
    expect(url).toMatch(/^https:\/\/privacy\.example\.test\/setup\?token=/);
    setupToken = new URL(url!).searchParams.get('token')!;
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  it('shows the setup form for the first-run link: email, name, password with its rules, token and CSRF token', async () => {
    const b = new FormBrowser(app, nextIp());
    const res = await b.get(`/setup?token=${encodeURIComponent(setupToken)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain(`name="token" value="${setupToken}"`);
    expect(res.body).toMatch(/<label for="field-email">/);
    expect(res.body).toMatch(/id="field-email" name="email" type="email" autocomplete="email"/);
    expect(res.body).toMatch(/id="field-name" name="name" type="text" autocomplete="name"/);
    expect(res.body).toMatch(/id="field-password" name="password" type="password" autocomplete="new-password" aria-describedby="field-password-hint"/);
    expect(res.body).toContain('at least 12 characters');
    expect(csrfOf(res.body).length).toBeGreaterThan(20);
    expect(b.cookies.pledge_presession).toBeTruthy();
  });

  it('says clearly when a setup link cannot be used, and how to get a new one', async () => {
    const b = new FormBrowser(app, nextIp());
    const unknown = await b.get('/setup?token=not-a-real-token');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This setup link is not valid');
    expect(unknown.body).toContain('pledge user create');
    const missing = await b.get('/setup');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('no setup token');
  });

  it('refuses a setup form sent without a valid CSRF token, and keeps nothing typed into it', async () => {
    const b = new FormBrowser(app, nextIp());
    await b.get(`/setup?token=${encodeURIComponent(setupToken)}`);
    const fields = { token: setupToken, email: 'mallory@example.test', name: 'Mallory', password: PASSWORD };
    for (const res of [await b.post('/setup', fields), await b.post('/setup', { ...fields, _csrf: 'forged-token' }), await new FormBrowser(app, nextIp()).post('/setup', fields)]) {
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('was not sent from this site, so nothing was done');
      expect(res.body).toContain('role="alert"');
      expect(res.body).not.toContain('mallory@example.test');
    }
    expect(await userCount()).toBe(0);
  });

  it('sets up the owner, then signs in and shows the account page; errors are shown next to the field', async () => {
    const b = new FormBrowser(app, nextIp());
    const page = `/setup?token=${encodeURIComponent(setupToken)}`;
    // A weak password: the policy's message next to the password field; email and name kept, the password not.
    const weak = await b.submit(page, '/setup', { token: setupToken, email: 'olive@example.test', name: 'Olive Owner', password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toMatch(/<title>Error: /);
    expect(weak.body).toMatch(/id="field-password-error"><span class="pledge-visually-hidden">Error: <\/span>This password cannot be used: [^<]*well-known/);
    expect(weak.body).toContain('aria-describedby="field-password-hint field-password-error" aria-invalid="true"');
    expect(weak.body).toContain('value="olive@example.test"');
    expect(weak.body).toContain('value="Olive Owner"');
    expect(weak.body).not.toContain('password1234');
    const empty = await b.post('/setup', { _csrf: csrfOf(weak.body), token: setupToken, email: '', name: '', password: '' });
    expect(empty.statusCode).toBe(400);
    for (const m of ['Enter your email address', 'Enter your name', 'Enter a password']) expect(empty.body).toContain(m);
    expect(empty.body).toContain('<a href="#field-email">');

    const ok = await b.post('/setup', { _csrf: csrfOf(empty.body), token: setupToken, email: 'Olive@Example.test', name: 'Olive Owner', password: PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/signin?done=setup');
    const used = await b.get(page);
    expect(used.statusCode).toBe(410);
    expect(used.body).toContain('already been used');

    const signin = await b.get('/signin?done=setup');
    expect(signin.body).toContain('Your account is ready');
    expect(signin.body).toMatch(/autocomplete="current-password"/);
    const wrong = await b.post('/signin', { _csrf: csrfOf(signin.body), email: 'olive@example.test', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('The email or password is wrong');
    expect(wrong.body).toContain('value="olive@example.test"');
    expect(wrong.body).not.toContain('not the password at all');
    expect(b.cookies.pledge_session).toBeUndefined();

    const right = await b.post('/signin', { _csrf: csrfOf(wrong.body), email: 'olive@example.test', password: PASSWORD });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/staff');
    expect(String(right.headers['set-cookie'])).toMatch(/pledge_session=[^;]+;.*HttpOnly/);
    // The same session as the JSON API.
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: b.cookies });
    expect(me.json()).toMatchObject({ kind: 'user', user: { name: 'Olive Owner', role: 'owner' } });

    const staff = await b.get('/staff');
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('Signed in as Olive Owner');
    expect(staff.body).toContain('<dd>Owner</dd>');
    expect(staff.body).toContain('Publish a new version of the privacy declaration');
    for (const href of ['/privacy', '/docs', '/api/audit/export?format=csv', '/api/declarations/current/ropa.xlsx', '/api/declarations/current/ropa.csv', '/staff/mfa']) expect(staff.body).toContain(`href="${href}"`);
    expect(staff.body).toContain('action="/signout"');

    // Sign-out needs the CSRF token too; with it, the session ends.
    const forged = await b.post('/signout', {});
    expect(forged.statusCode).toBe(400);
    expect((await b.get('/staff')).statusCode).toBe(200);
    const out = await b.post('/signout', { _csrf: csrfOf(staff.body) });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/signin?done=signout');
    expect(b.cookies.pledge_session).toBeUndefined();
    expect((await b.get('/staff')).statusCode).toBe(303);
  });

  it('sends a browser without a session to sign in, and back afterwards (only to a page of this site)', async () => {
    const b = new FormBrowser(app, nextIp());
    const staff = await b.get('/staff');
    expect(staff.statusCode).toBe(303);
    expect(staff.headers.location).toBe('/signin?next=%2Fstaff');
    expect((await b.get('/staff/mfa')).headers.location).toBe('/signin?next=%2Fstaff%2Fmfa');
    const form = await b.get('/signin?next=%2Fstaff%2Fmfa');
    expect(form.body).toContain('name="next" value="/staff/mfa"');
    const { user } = await createUser(svc.deps, { email: 'nina@example.test', name: 'Nina Next', role: 'agent', password: PASSWORD }, { type: 'system' });
    const back = await b.post('/signin', { _csrf: csrfOf(form.body), email: user.email, password: PASSWORD, next: '/staff/mfa' });
    expect(back.headers.location).toBe('/staff/mfa');
    for (const evil of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/%0d%0aSet-Cookie:x']) {
      const b2 = new FormBrowser(app, nextIp());
      const page = await b2.get('/signin');
      const res = await b2.post('/signin', { _csrf: csrfOf(page.body), email: user.email, password: PASSWORD, next: evil });
      expect(res.headers.location, evil).toMatch(/^\/(staff|%0d)/);
      expect(res.headers.location).not.toContain('evil.example');
    }
    // An agent sees what an agent may do, and no export links they could not use.
    const staffPage = await b.get('/staff');
    expect(staffPage.body).toContain('<dd>Agent</dd>');
    expect(staffPage.body).not.toContain('/api/audit/export');
    expect(staffPage.body).toContain('/api/declarations/current/ropa.csv');
    // The JSON API still answers a missing session with 401 JSON, not a redirect.
    const anonymousApi = await app.inject({ method: 'GET', url: '/api/me' });
    expect(anonymousApi.statusCode).toBe(401);
    expect(anonymousApi.json().error.code).toBe('unauthenticated');
  });

  it('shows hostile names and typed values escaped', async () => {
    const { user } = await createUser(svc.deps, { email: 'hostile@example.test', name: HOSTILE, role: 'auditor', password: PASSWORD }, { type: 'system' });
    const b = new FormBrowser(app, nextIp());
    const typed = await b.submit('/signin', '/signin', { email: `"><script>alert(2)</script>`, password: 'whatever it is here' });
    expect(typed.statusCode).toBe(401);
    expect(typed.body).not.toContain('<script>alert(2)</script>');
    expect(typed.body).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    const ok = await b.submit('/signin', '/signin', { email: user.email, password: PASSWORD });
    expect(ok.statusCode).toBe(303);
    const staff = await b.get('/staff');
    expect(staff.body).not.toContain(HOSTILE);
    expect(staff.body).toContain('Signed in as &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(staff.body).toContain('<title>Your account – Pledge</title>');
    expect(staff.body).not.toMatch(/<script/i);
  });

  it('enrols an authenticator app at /staff/mfa, shows the recovery codes once, then asks for a code at sign-in', async () => {
    await createUser(svc.deps, { email: 'mfa@example.test', name: 'Mo Factor', role: 'privacy_officer', password: PASSWORD }, { type: 'system' });
    const b = new FormBrowser(app, nextIp());
    expect((await b.submit('/signin', '/signin', { email: 'mfa@example.test', password: PASSWORD })).headers.location).toBe('/staff');
    const intro = await b.get('/staff/mfa');
    expect(intro.statusCode).toBe(200);
    expect(intro.body).toContain('Show my secret key');
    const noCsrf = await b.post('/staff/mfa', { action: 'start' });
    expect(noCsrf.statusCode).toBe(400);
    const shown = await b.post('/staff/mfa', { _csrf: csrfOf(intro.body), action: 'start' });
    expect(shown.statusCode).toBe(200);
    const uri = /(otpauth:\/\/totp\/[^<]+)<\/code>/.exec(shown.body)?.[1]?.replace(/&amp;/g, '&');
    expect(uri).toBeTruthy();
    const secret = new URL(uri!).searchParams.get('secret')!;
    expect(shown.body).toContain(secret.match(/.{1,4}/g)!.join(' '));
    expect(shown.body).toMatch(/autocomplete="one-time-code"/);

    const wrong = await b.post('/staff/mfa', { _csrf: csrfOf(shown.body), action: 'confirm', code: '000000' === totpCode(secret) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The code does not match');
    expect(wrong.body).toContain(secret.match(/.{1,4}/g)!.join(' ')); // shown again, to retry
    const done = await b.post('/staff/mfa', { _csrf: csrfOf(wrong.body), action: 'confirm', code: totpCode(secret) });
    expect(done.statusCode).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');
    const codes = [...done.body.matchAll(/<li>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(done.body).toContain('shown only this once');
    const after = await b.get('/staff/mfa');
    expect(after.body).toContain('Two-step verification is on');
    expect(after.body).not.toContain(codes[0]!);
    expect((await b.get('/staff')).body).toContain('pledge-status-on');

    // Signing in again now takes the code.
    await b.submit('/staff', '/signout', {});
    clock.advance(31_000);
    const pw = await b.submit('/signin', '/signin', { email: 'mfa@example.test', password: PASSWORD });
    expect(pw.headers.location).toBe('/signin/mfa?next=%2Fstaff');
    expect((await b.get('/staff')).headers.location).toBe('/signin/mfa?next=%2Fstaff');
    expect((await b.get('/api/audit')).statusCode).toBe(401); // the password alone opens nothing else
    const codePage = await b.get('/signin/mfa?next=%2Fstaff');
    expect(codePage.statusCode).toBe(200);
    expect(codePage.body).toMatch(/name="code" type="text" autocomplete="one-time-code"/);
    const bad = await b.post('/signin/mfa', { _csrf: csrfOf(codePage.body), next: '/staff', code: '12345x' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('The code is wrong');
    expect(bad.body).toContain('aria-invalid="true"');
    const good = await b.post('/signin/mfa', { _csrf: csrfOf(bad.body), next: '/staff', code: totpCode(secret) });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/staff');
    expect((await b.get('/staff')).body).toContain('Signed in as Mo Factor');

    // A recovery code works once instead of the app.
    await b.submit('/staff', '/signout', {});
    await b.submit('/signin', '/signin', { email: 'mfa@example.test', password: PASSWORD });
    const rec = await b.submit('/signin/mfa', '/signin/mfa', { code: codes[0]!.toLowerCase() });
    expect(rec.headers.location).toBe('/staff');
  });

  it('answers too many sign-in attempts with a page, and keeps the JSON API JSON-only', async () => {
    const b = new FormBrowser(app, nextIp());
    const page = await b.get('/signin');
    let last = page;
    for (let i = 0; i < 11; i++) last = await b.post('/signin', { _csrf: csrfOf(page.body), email: '', password: '' });
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/^text\/html/);
    expect(last.body).toContain('Too many attempts');
    // Form bodies are parsed for the pages only: a cross-site form cannot reach the JSON login.
    const form = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextIp(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%40b.c&password=x' });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('invalid_input');
  });
});
