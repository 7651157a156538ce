import { Writable } from 'node:stream';
import { Secret, TOTP } from 'otpauth';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/read-audit.js';
import type { Clock } from '../clock.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { createUser } from './create-user.js';
import { TestBrowser } from './test-browser.js';

/** A clock the test moves by hand. */
function testClock(start = '2026-03-02T09:00:00.000Z'): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

const PASSWORD = 'correct horse battery pledge';
let ipCounter = 1;
const nextIp = () => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const totpCode = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
const SYSTEM = { type: 'system' as const };

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`accounts on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    const clock = testClock();
    let logs = '';
    let svc: TestService;
    let app: TestService['app'] & {};
    beforeAll(async () => {
      if (!available) return;
      const sink = new Writable({ write: (chunk, _enc, cb) => void ((logs += chunk.toString()), cb()) });
      svc = await startTestService(kind, { publicUrl: 'https://privacy.example.test' }, { clock, logger: pino({ level: 'info' }, sink) });
      app = svc.app!;
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    const newUser = async (role: 'owner' | 'privacy_officer' | 'agent' | 'auditor', password = PASSWORD) => {
      const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`;
      const { user } = await createUser(svc.deps, { email, name: `Test ${role}`, role, password }, SYSTEM);
      return { ...user, password };
    };
    const signedIn = async (role: 'owner' | 'privacy_officer' | 'agent' | 'auditor') => {
      const u = await newUser(role);
      const b = new TestBrowser(app, nextIp());
      expect((await b.login(u.email, u.password)).statusCode).toBe(200);
      await b.fetchCsrf();
      return { user: u, b };
    };

    it.runIf(available)('first run: logs a one-time setup link that creates the owner once, and expires after 24 hours', async () => {
      const url = /First run: no user yet\. Create the owner at (\S+) \(valid until/.exec(logs)?.[1];
      expect(url).toMatch(/^https:\/\/privacy\.example\.test\/setup\?token=/);
      const token = new URL(url!).searchParams.get('token')!;
      const b = new TestBrowser(app, nextIp());
      const weak = await b.request('POST', '/api/auth/setup', { token, email: 'Owner@Example.test', name: 'Olive Owner', password: 'password1234' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.message).toContain('well-known');
      const ok = await b.request('POST', '/api/auth/setup', { token, email: 'Owner@Example.test', name: 'Olive Owner', password: PASSWORD });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user).toMatchObject({ email: 'owner@example.test', role: 'owner', pendingSetup: false });
      const again = await b.request('POST', '/api/auth/setup', { token, email: 'x@example.test', name: 'X', password: PASSWORD });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.message).toContain('already been used');
      expect((await b.login('owner@example.test', PASSWORD)).statusCode).toBe(200);

      // An invited user's link: single use, and refused after 24 hours.
      await b.fetchCsrf();
      const invite = await b.request('POST', '/api/users', { email: 'late@example.test', name: 'Lee Late', role: 'agent' });
      expect(invite.statusCode).toBe(201);
      expect(invite.json().setupUrl).toBe(`https://privacy.example.test/setup?token=${invite.json().setupToken}`);
      clock.advance(24 * 60 * 60 * 1000 + 1000);
      const late = await b.request('POST', '/api/auth/setup', { token: invite.json().setupToken, password: PASSWORD });
      expect(late.statusCode).toBe(400);
      expect(late.json().error.message).toMatch(/expired at .*ask an owner for a new one/);
      const audit = await readAudit(svc.deps.store.db, { action: 'user.created', limit: 1000 });
      expect(audit.find((e) => e.actorType === 'public')?.after).toMatchObject({ email: 'owner@example.test', role: 'owner' });
    });

    it.runIf(available)('signs in with a secure session cookie and out again; a wrong password and an unknown email look the same', async () => {
      const u = await newUser('agent');
      const b = new TestBrowser(app, nextIp());
      const wrong = await b.login(u.email, 'not the password at all');
      const unknown = await b.login('nobody-here@example.test', 'not the password at all');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().error.message).toBe(wrong.json().error.message);
      expect(b.cookies.pledge_session).toBeUndefined();

      const ok = await b.login(u.email.toUpperCase(), u.password);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ mfaRequired: false, user: { email: u.email, role: 'agent' } });
      const setCookie = String(ok.headers['set-cookie']);
      expect(setCookie).toMatch(/pledge_session=[^;]+;/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).toMatch(/Secure/); // publicUrl is https
      const me = await b.request('GET', '/api/me');
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ kind: 'user', mfaVerified: true, user: { id: u.id } });
      expect(me.json().permissions).toEqual(['declaration:read', 'ropa:read', 'jobs:read', 'account:self', 'rights:read', 'rights:work', 'consent:read', 'consent:write']);

      // A forged cookie (not signed with the session secret) is nobody.
      const forged = new TestBrowser(app, nextIp());
      forged.cookies.pledge_session = 'x'.repeat(43);
      expect((await forged.request('GET', '/api/me')).statusCode).toBe(401);

      expect((await b.request('POST', '/api/auth/logout')).json().error.details.reason).toBe('csrf_missing');
      await b.fetchCsrf();
      expect((await b.request('POST', '/api/auth/logout')).statusCode).toBe(200);
      expect(b.cookies.pledge_session).toBeUndefined();
      expect((await b.request('GET', '/api/me')).statusCode).toBe(401);
    });

    it.runIf(available)('refuses cookie-authenticated changes without a CSRF token bound to the session', async () => {
      const { b } = await signedIn('owner');
      const body = { name: 'ci', scopes: ['audit:read'] };
      const missing = await b.request('POST', '/api/api-keys', body, { 'x-csrf-token': '' });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().error.message).toContain('CSRF token');
      const wrong = await b.request('POST', '/api/api-keys', body, { 'x-csrf-token': 'made-up-token' });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.details.reason).toBe('csrf_invalid');
      // A token from another session does not work in this one.
      const other = await signedIn('owner');
      const stolen = await b.request('POST', '/api/api-keys', body, { 'x-csrf-token': other.b.csrf! });
      expect(stolen.statusCode).toBe(403);
      expect((await b.request('POST', '/api/api-keys', body)).statusCode).toBe(201);
    });

    it.runIf(available)('locks an account for 15 minutes after 5 wrong passwords, saying until when', async () => {
      const u = await newUser('auditor');
      const b = new TestBrowser(app, nextIp());
      for (let i = 1; i <= 4; i++) expect((await b.login(u.email, `wrong password ${i}!`)).json().error.message).toContain('email or password is wrong');
      const fifth = await b.login(u.email, 'wrong password 5!');
      expect(fifth.statusCode).toBe(401);
      const until = new Date(clock.now().getTime() + 15 * 60 * 1000).toISOString();
      expect(fifth.json().error.message).toContain(`until ${until}`);
      const b2 = new TestBrowser(app, nextIp());
      const right = await b2.login(u.email, u.password);
      expect(right.statusCode).toBe(401);
      expect(right.json().error.details.lockedUntil).toBe(until);
      clock.advance(15 * 60 * 1000 + 1);
      expect((await b2.login(u.email, u.password)).statusCode).toBe(200);
      const actions = (await readAudit(svc.deps.store.db, { subject: { type: 'user', id: u.id }, limit: 100 })).map((e) => e.action);
      expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(6);
      expect(actions).toContain('user.locked');
      expect(actions.at(-1)).toBe('auth.login');
    });

    it.runIf(available)('rate-limits sign-in attempts per address', async () => {
      const b = new TestBrowser(app, nextIp());
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await b.login(`nobody${i}@example.test`, 'whatever whatever')).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
    });

    it.runIf(available)('enrols TOTP, signs in with a code, uses each recovery code once; the secret is encrypted at rest', async () => {
      const { user, b } = await signedIn('privacy_officer');
      const enrol = await b.request('POST', '/api/auth/mfa/enrol');
      expect(enrol.statusCode).toBe(200);
      const { secret, otpauthUri } = enrol.json();
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Pledge:.*secret=/);
      const raw = await svc.deps.store.db.selectFrom('users').select(['totp_secret', 'recovery_codes']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(raw.totp_secret).toMatch(/^v1:t1:/);
      expect(raw.totp_secret).not.toContain(secret);
      expect(svc.deps.cipher.decrypt(raw.totp_secret!, 'users.totp_secret')).toBe(secret);

      expect((await b.request('POST', '/api/auth/mfa/confirm', { code: '000000' })).statusCode).toBe(400);
      const confirm = await b.request('POST', '/api/auth/mfa/confirm', { code: totpCode(secret, clock.now()) });
      expect(confirm.statusCode).toBe(200);
      const codes: string[] = confirm.json().recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      const stored = (await svc.deps.store.db.selectFrom('users').select('recovery_codes').where('id', '=', user.id).executeTakeFirstOrThrow()).recovery_codes;
      expect(stored).toHaveLength(10);
      expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace(/-/g, ''));

      // Signing in again: the password alone opens nothing but the code step.
      const c = new TestBrowser(app, nextIp());
      const first = await c.login(user.email, user.password);
      expect(first.json().mfaRequired).toBe(true);
      const pending = await c.request('GET', '/api/users');
      expect(pending.statusCode).toBe(401);
      expect(pending.json().error.code).toBe('mfa_required');
      expect((await c.request('GET', '/api/me')).json().mfaVerified).toBe(false);
      await c.fetchCsrf();
      // The code used to confirm cannot be replayed; the next one works.
      expect((await c.request('POST', '/api/auth/mfa', { code: totpCode(secret, clock.now()) })).statusCode).toBe(401);
      clock.advance(30_000);
      const pendingCookie = c.cookies.pledge_session;
      const mfa = await c.request('POST', '/api/auth/mfa', { code: totpCode(secret, clock.now()) });
      expect(mfa.statusCode).toBe(200);
      expect(c.cookies.pledge_session).not.toBe(pendingCookie); // a new session id after the privilege change
      expect((await c.request('GET', '/api/users')).statusCode).toBe(200);

      // A recovery code works once, in any case and with or without dashes.
      const d = new TestBrowser(app, nextIp());
      await d.login(user.email, user.password);
      await d.fetchCsrf();
      const rec = await d.request('POST', '/api/auth/mfa', { code: codes[3]!.toLowerCase() });
      expect(rec.json()).toEqual({ method: 'recovery_code', recoveryCodesLeft: 9 });
      await d.fetchCsrf(); // the session was renewed, and its CSRF token with it
      const e = new TestBrowser(app, nextIp());
      await e.login(user.email, user.password);
      await e.fetchCsrf();
      expect((await e.request('POST', '/api/auth/mfa', { code: codes[3]!.replace(/-/g, '') })).statusCode).toBe(401);

      // Turning MFA off needs the password and a verified session.
      expect((await e.request('POST', '/api/auth/mfa/disable', { password: user.password })).json().error.code).toBe('mfa_required');
      expect((await d.request('POST', '/api/auth/mfa/disable', { password: 'not my password!' })).statusCode).toBe(400);
      expect((await d.request('POST', '/api/auth/mfa/enrol')).statusCode).toBe(409);
      expect((await d.request('POST', '/api/auth/mfa/disable', { password: user.password })).statusCode).toBe(200);
      const after = await svc.deps.store.db.selectFrom('users').select(['totp_secret', 'mfa_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(after).toEqual({ totp_secret: null, mfa_enabled: false });
      const actions = (await readAudit(svc.deps.store.db, { subject: { type: 'user', id: user.id }, limit: 100 })).map((x) => x.action);
      expect(actions).toEqual(expect.arrayContaining(['user.mfa_enrolment_started', 'user.mfa_enabled', 'auth.mfa_failed', 'auth.password_accepted', 'user.mfa_disabled']));
    });

    it.runIf(available)('API keys: scoped to what the creator holds, exempt from CSRF, last use recorded, revocable', async () => {
      const { b } = await signedIn('privacy_officer');
      const tooMuch = await b.request('POST', '/api/api-keys', { name: 'admin', scopes: ['users:manage'] });
      expect(tooMuch.statusCode).toBe(403);
      expect(tooMuch.json().error.message).toContain('users:manage');
      expect((await b.request('POST', '/api/api-keys', { name: 'x', scopes: ['everything'] })).statusCode).toBe(400);
      const created = await b.request('POST', '/api/api-keys', { name: 'auditor bot', scopes: ['audit:read', 'apikeys:manage'] });
      expect(created.statusCode).toBe(201);
      const { key, apiKey } = created.json();
      expect(key).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
      expect(apiKey.prefix).toBe(key.slice(0, 10));
      const bearer = { authorization: `Bearer ${key}` };
      const ip = nextIp();
      expect((await app.inject({ method: 'GET', url: '/api/audit', headers: bearer, remoteAddress: ip })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/users', headers: bearer, remoteAddress: ip })).statusCode).toBe(403);
      // No CSRF token needed with a key; and a key cannot widen its own scopes.
      const child = await app.inject({ method: 'POST', url: '/api/api-keys', headers: bearer, payload: { name: 'child', scopes: ['audit:read'] } });
      expect(child.statusCode).toBe(201);
      expect((await app.inject({ method: 'POST', url: '/api/api-keys', headers: bearer, payload: { name: 'wider', scopes: ['declaration:publish'] } })).statusCode).toBe(403);
      const row = await svc.deps.store.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow();
      expect(row.key_hash).not.toContain(key.slice(3));
      expect(new Date(row.last_used_at!).toISOString()).toBe(clock.now().toISOString());
      // Last use is written at most once a minute.
      const lastUsed = async () => new Date((await svc.deps.store.db.selectFrom('api_keys').select('last_used_at').where('id', '=', apiKey.id).executeTakeFirstOrThrow()).last_used_at!).toISOString();
      const firstUse = clock.now().toISOString();
      clock.advance(30_000);
      await app.inject({ method: 'GET', url: '/api/audit', headers: bearer });
      expect(await lastUsed()).toBe(firstUse);
      clock.advance(31_000);
      await app.inject({ method: 'GET', url: '/api/audit', headers: bearer });
      expect(await lastUsed()).toBe(clock.now().toISOString());
      const list = await b.request('GET', '/api/api-keys');
      expect(JSON.stringify(list.json())).not.toContain(key);
      const revoke = await b.request('DELETE', `/api/api-keys/${apiKey.id}`);
      expect(revoke.json().apiKey.revokedAt).not.toBeNull();
      const refused = await app.inject({ method: 'GET', url: '/api/audit', headers: bearer });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.message).toContain('revoked');
      expect((await app.inject({ method: 'GET', url: '/api/audit', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/audit', headers: { authorization: 'Bearer not-a-key' } })).json().error.message).toContain('not a Pledge API key');
      // A proxy's Basic credentials do not stop the public pages.
      expect((await app.inject({ method: 'GET', url: '/health/live', headers: { authorization: 'Basic abc' } })).statusCode).toBe(200);
    });

    it.runIf(available)('users: invite with a setup link, change role, disable; never lose the last owner', async () => {
      const { b, user: owner } = await signedIn('owner');
      const invite = await b.request('POST', '/api/users', { email: 'New.Agent@example.test', name: 'Nia Agent', role: 'agent' });
      expect(invite.statusCode).toBe(201);
      const invited = invite.json().user;
      expect(invited).toMatchObject({ email: 'new.agent@example.test', pendingSetup: true });
      expect((await b.request('POST', '/api/users', { email: 'new.agent@EXAMPLE.test', name: 'Dup', role: 'agent' })).statusCode).toBe(409);
      const n = new TestBrowser(app, nextIp());
      expect((await n.login('new.agent@example.test', PASSWORD)).statusCode).toBe(401);
      const short = await n.request('POST', '/api/auth/setup', { token: invite.json().setupToken, password: 'short' });
      expect(short.json().error.message).toContain('at least 12');
      expect((await n.request('POST', '/api/auth/setup', { token: invite.json().setupToken, password: PASSWORD })).statusCode).toBe(200);
      expect((await n.login('new.agent@example.test', PASSWORD)).statusCode).toBe(200);
      expect((await n.request('GET', '/api/users')).statusCode).toBe(403);

      const promoted = await b.request('PATCH', `/api/users/${invited.id}`, { role: 'auditor' });
      expect(promoted.json().user.role).toBe('auditor');
      expect((await n.request('GET', '/api/me')).statusCode).toBe(401); // role changes end sessions
      await b.request('PATCH', `/api/users/${invited.id}`, { disabled: true });
      const disabled = await n.login('new.agent@example.test', PASSWORD);
      expect(disabled.statusCode).toBe(403);
      expect(disabled.json().error.message).toContain('disabled');
      expect((await b.request('PATCH', `/api/users/00000000-0000-4000-8000-000000000000`, { role: 'agent' })).statusCode).toBe(404);

      // Demote every other owner, then the last one cannot be demoted or disabled.
      const owners = (await b.request('GET', '/api/users')).json().users.filter((u: { role: string; id: string; disabled: boolean }) => u.role === 'owner' && !u.disabled && u.id !== owner.id);
      for (const o of owners) await b.request('PATCH', `/api/users/${o.id}`, { disabled: true });
      const last = await b.request('PATCH', `/api/users/${owner.id}`, { role: 'agent' });
      expect(last.statusCode).toBe(409);
      expect(last.json().error.message).toContain('last active owner');
      for (const o of owners) await b.request('PATCH', `/api/users/${o.id}`, { disabled: false });
      const audit = await readAudit(svc.deps.store.db, { subject: { type: 'user', id: invited.id }, limit: 100 });
      expect(audit.find((e) => e.action === 'user.updated')).toMatchObject({ actorType: 'user', actorId: owner.id, before: { role: 'agent' }, after: { role: 'auditor' } });
      expect(audit.every((e) => e.ip !== null || e.actorType === 'system')).toBe(true);
    });

    it.runIf(available)('ends sessions idle for 12 hours', async () => {
      const { b } = await signedIn('auditor');
      expect((await b.request('GET', '/api/me')).statusCode).toBe(200);
      clock.advance(12 * 60 * 60 * 1000 + 1);
      expect((await b.request('GET', '/api/me')).statusCode).toBe(401);
    });

    it.runIf(available)('ends every session 7 days after sign-in, however active', async () => {
      const { b } = await signedIn('agent');
      for (let h = 0; h < 7 * 24 - 11; h += 11) {
        clock.advance(11 * 60 * 60 * 1000);
        expect((await b.request('GET', '/api/me')).statusCode).toBe(200);
      }
      clock.advance(11 * 60 * 60 * 1000);
      expect((await b.request('GET', '/api/me')).statusCode).toBe(401);
    });

    it.runIf(available)('keeps no secret in the audit trail', async () => {
      const all = JSON.stringify(await readAudit(svc.deps.store.db, { limit: 1000 }));
      expect(all).not.toContain(PASSWORD);
      expect(all).not.toMatch(/pk_[A-Za-z0-9_-]{20}/);
      expect(all).not.toMatch(/"(password|token|secret|code|recoveryCodes)":\s*"/);
      expect(all).not.toContain('$argon2id$');
      const hashes = await svc.deps.store.db.selectFrom('users').select('password_hash').where('password_hash', 'is not', null).execute();
      expect(hashes.every((h) => h.password_hash!.startsWith('$argon2id$'))).toBe(true);
    });
  });

  describe(`MFA required for all, on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (available) svc = await startTestService(kind, { requireMfa: true });
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('limits a user without MFA to their own account until they enrol', async () => {
      const app = svc.app!;
      const { user } = await createUser(svc.deps, { email: 'must-enrol@example.test', name: 'Mo Enrol', role: 'owner', password: PASSWORD }, SYSTEM);
      const b = new TestBrowser(app, nextIp());
      expect((await b.login(user.email, PASSWORD)).json().mfaRequired).toBe(false);
      const refused = await b.request('GET', '/api/users');
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('mfa_required');
      expect((await b.request('GET', '/api/me')).json().mfaVerified).toBe(false);
      await b.fetchCsrf();
      const { secret } = (await b.request('POST', '/api/auth/mfa/enrol')).json();
      const confirm = await b.request('POST', '/api/auth/mfa/confirm', { code: TOTP.generate({ secret: Secret.fromBase32(secret) }) });
      expect(confirm.statusCode).toBe(200);
      expect((await b.request('GET', '/api/users')).statusCode).toBe(200);
    });
  });
}
