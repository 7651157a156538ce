import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../serve/create-logger.js';
import { startTestService, type TestService } from '../test-support/test-service.js';

// Personal data and secrets that a request can carry. None may reach the logs, whatever the route does with them.
const SECRETS = {
  email: 'alice.liddell+logs@example.com',
  password: 'Correct-Horse-Battery-Staple-91',
  token: 'tok_5f1c0e9a7b3d4c2e8f6a1b0c9d8e7f6a',
  apiKey: 'pk_live_9d8c7b6a5f4e3d2c1b0a',
  session: 'sess_2b4d6f8h0j2l4n6p8r0t',
  phone: '+44 7700 900123',
  name: 'Alice Pleasance Liddell',
};

describe('logs, metrics and health', () => {
  let svc: TestService;
  let app: FastifyInstance;
  let logs = '';
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs += chunk.toString();
      cb();
    },
  });
  beforeAll(async () => {
    // The service's own logger, at the most verbose level, writing to memory. Its real authentication (when the
    // accounts module provides one) runs, so failed sign-ins with these credentials are logged as they would be.
    svc = await startTestService('pglite', { logLevel: 'trace' }, { logger: createLogger('trace', sink) });
    app = svc.app!;
  });
  afterAll(async () => {
    // The last test closed the database already; stopping closes it again, which may complain.
    await svc?.dispose().catch(() => {});
    if (svc) rmSync(svc.deps.config.dataDir, { recursive: true, force: true });
  });

  it('logs request ids but no personal data or secrets from bodies, headers, cookies or query strings', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const requestIds: string[] = [];
    const body = JSON.stringify({ email: SECRETS.email, password: SECRETS.password, token: SECRETS.token, name: SECRETS.name, phone: SECRETS.phone, nested: { email: SECRETS.email, secret: SECRETS.token } });
    const headers = {
      authorization: `Bearer ${SECRETS.apiKey}`,
      cookie: `pledge_session=${SECRETS.session}; other=${SECRETS.token}`,
      'x-api-key': SECRETS.apiKey,
      'x-forwarded-for': '203.0.113.7',
      'user-agent': `test ${SECRETS.email}`,
      'content-type': 'application/json',
    };
    const query = `?email=${encodeURIComponent(SECRETS.email)}&token=${SECRETS.token}&subjectId=${encodeURIComponent(SECRETS.email)}`;
    const urls = [
      ...Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), path.replace(/\{[^}]+\}/g, encodeURIComponent(SECRETS.email))] as const)),
      ['GET', `/no-such-page/${encodeURIComponent(SECRETS.email)}`],
      ['POST', '/api/no-such-route'],
    ] as const;
    for (const [method, path] of urls) {
      for (const payload of method === 'GET' ? [undefined] : [body, '{"email":"' + SECRETS.email + '", broken']) {
        const id = `log-test-${requestIds.length}`;
        requestIds.push(id);
        await app.inject({ method: method as 'GET', url: `${path}${query}`, headers: { ...headers, 'x-request-id': id }, ...(payload ? { payload } : {}) });
      }
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(logs.length).toBeGreaterThan(0);
    for (const [what, value] of Object.entries(SECRETS)) expect(logs.includes(value), `${what} appears in the logs`).toBe(false);
    expect(logs).not.toContain(encodeURIComponent(SECRETS.email));
    // Each request is logged with its id (from X-Request-Id), so a reply's requestId leads to its log line.
    for (const id of requestIds) expect(logs).toContain(`"reqId":"${id}"`);
    for (const line of logs.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('gives every error reply the request id that is in the logs', async () => {
    const res = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'trace-me-123' } });
    expect(res.json().error.requestId).toBe('trace-me-123');
    const generated = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.json().error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics with request counts by route, never by raw URL', async () => {
    await app.inject({ method: 'GET', url: '/health/live' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/^# HELP pledge_http_requests_total /m);
    expect(res.body).toMatch(/^# TYPE pledge_http_requests_total counter$/m);
    expect(res.body).toMatch(/^pledge_http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+$/m);
    expect(res.body).toMatch(/^pledge_http_request_duration_seconds_bucket\{/m);
    expect(res.body).toMatch(/^pledge_process_resident_memory_bytes \d+/m);
    expect(res.body).not.toContain('no-such-page');
  });

  it('is live and ready while the database answers, and not ready (503) once it is closed', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).json()).toMatchObject({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: 'ok', store: 'pglite' });
    await svc.deps.store.close();
    const down = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: 'unavailable' });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});
