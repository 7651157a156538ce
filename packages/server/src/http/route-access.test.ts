import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../accounts/create-api-key.js';
import { createSession } from '../accounts/create-session.js';
import { createUser } from '../accounts/create-user.js';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, type Permission, type Role } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { listRoutes, type RouteEntry } from './list-routes.js';

/**
 * Walks the WHOLE route table, including routes other capabilities add later, and proves that anonymous callers,
 * each role (with MFA satisfied) and API keys get exactly what ROLE_PERMISSIONS and their scopes give them:
 * public routes answer everyone; a protected route gives 401 to nobody, 403 to whoever lacks its permission,
 * and neither to whoever has it (whatever the handler then says about the empty request).
 */
type Caller = { label: string; kind: 'anonymous' } | { label: string; kind: 'role'; role: Role; userId: string } | { label: string; kind: 'key'; key: string; scopes: Permission[] };

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
let ip = 0;
const nextIp = () => `10.9.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;

/** A concrete URL for a route pattern: path parameters get a dummy id, wildcards a dummy segment. */
function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, DUMMY_ID).replace(/\*/g, 'x');
}

describe('route table access', () => {
  let svc: TestService;
  let app: FastifyInstance;
  const callers: Caller[] = [{ label: 'anonymous', kind: 'anonymous' }];

  beforeAll(async () => {
    svc = await startTestService('pglite');
    app = svc.app!;
    const system = { type: 'system' as const };
    let owner: Principal | undefined;
    for (const role of ROLES) {
      const { user } = await createUser(svc.deps, { email: `route-${role}@example.test`, name: `Route ${role}`, role, password: 'route table walker 2026' }, system);
      callers.push({ label: role, kind: 'role', role, userId: user.id });
      if (role === 'owner') owner = { kind: 'user', userId: user.id, email: user.email, role, mfaVerified: true, sessionId: 'setup' };
    }
    const ctx = { ip: null, requestId: null };
    callers.push({ label: 'key without scopes', kind: 'key', key: (await createApiKey(svc.deps, owner!, { name: 'none', scopes: [] }, ctx)).key, scopes: [] });
    for (const p of PERMISSIONS) callers.push({ label: `key with ${p}`, kind: 'key', key: (await createApiKey(svc.deps, owner!, { name: p, scopes: [p] }, ctx)).key, scopes: [p] });
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  /** Calls a route as `caller`: each signed-in call gets a fresh session (a route may end it) and its CSRF token. */
  async function call(route: RouteEntry, caller: Caller) {
    const opts: InjectOptions = { method: route.method as InjectOptions['method'], url: concreteUrl(route.url), remoteAddress: nextIp(), headers: {} };
    if (!['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method)) opts.payload = {};
    if (caller.kind === 'key') opts.headers = { authorization: `Bearer ${caller.key}` };
    if (caller.kind === 'role') {
      const session = await svc.deps.store.db.transaction().execute((trx) => createSession(trx, svc.deps, { userId: caller.userId, mfaVerified: true, ctx: { ip: null, requestId: null } }));
      const cookies: Record<string, string> = { pledge_session: app.signCookie(session.token) };
      const csrf = await app.inject({ method: 'GET', url: '/api/auth/csrf', cookies });
      expect(csrf.statusCode).toBe(200);
      for (const c of csrf.cookies as { name: string; value: string }[]) cookies[c.name] = c.value;
      opts.cookies = cookies;
      opts.headers = { 'x-csrf-token': csrf.json().token };
    }
    return app.inject(opts);
  }

  function expected(access: RouteEntry['access'], caller: Caller): 'reachable' | 401 | 403 {
    if (access === 'public') return 'reachable';
    if (caller.kind === 'anonymous') return 401;
    const has = caller.kind === 'role' ? ROLE_PERMISSIONS[caller.role].includes(access) : caller.scopes.includes(access);
    return has ? 'reachable' : 403;
  }

  it('lists every route with its access, including this capability\'s and the audit trail\'s', () => {
    const routes = listRoutes(app).map((r) => `${r.method} ${r.url} ${r.access}`);
    expect(routes).toEqual(expect.arrayContaining(['GET /api/users users:read', 'POST /api/auth/login public', 'GET /api/audit audit:read', 'DELETE /api/api-keys/:id apikeys:manage']));
  });

  it('gives anonymous callers, each role and API keys exactly what their permissions allow, on every route', async () => {
    const failures: string[] = [];
    const seen = new Map<number, number>();
    const routes = listRoutes(app);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      for (const caller of callers) {
        const want = expected(route.access, caller);
        const res = await call(route, caller);
        const got = res.statusCode;
        seen.set(got, (seen.get(got) ?? 0) + 1);
        const ok = want === 'reachable' ? got !== 401 && got !== 403 : got === want;
        if (!ok) failures.push(`${route.method} ${route.url} (${route.access}) as ${caller.label}: expected ${want}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // The walk really exercised both sides: refusals and handlers that ran.
    for (const status of [200, 401, 403]) expect(seen.get(status) ?? 0, `responses with status ${status}`).toBeGreaterThan(0);
    console.info(`route-access: ${routes.length} routes x ${callers.length} callers; statuses ${JSON.stringify(Object.fromEntries(seen))}`);
  });
});
