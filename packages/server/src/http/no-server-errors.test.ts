import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { openApiDocument } from '../openapi/openapi-document.js';
import { startTestService, type TestService } from '../test-support/test-service.js';

// Client mistakes are 4xx with the one error format, never 500. Every route that takes a body or a query string
// (read from the OpenAPI document, so new routes are covered as they land) gets arbitrary and hostile input,
// sent as the owner so that handlers, not just authorisation, are reached.

const OWNER: Principal = { kind: 'user', userId: '00000000-0000-4000-8000-000000000001', email: 'owner@example.com', role: 'owner', mfaVerified: true, sessionId: 'fuzz-session' };
const BODY_LIMIT = 64 * 1024;

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
  query: string[];
}

function operations(doc: Record<string, unknown>): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown; parameters?: { in: string; name: string }[] }>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const hasBody = op.requestBody !== undefined || ['post', 'put', 'patch'].includes(method);
      if (hasBody || query.length) ops.push({ method: method.toUpperCase(), path, hasBody, query });
    }
  }
  return ops;
}

/** Path parameters get plausible and implausible values alike. */
const fillPath = (path: string, value: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(value));

function checkReply(what: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }): void {
  expect(res.statusCode, `${what} -> ${res.statusCode}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    let body: { error?: { code?: unknown; message?: unknown } };
    try {
      body = JSON.parse(res.body);
    } catch {
      throw new Error(`${what} -> ${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 200)}`);
    }
    expect(typeof body.error?.code, `${what}: error.code`).toBe('string');
    expect(typeof body.error?.message === 'string' && body.error.message.length > 0, `${what}: error.message is empty`).toBe(true);
  }
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** Raw bodies no client should send, each with the content type it claims. */
const HOSTILE: [string, string | Buffer, string][] = [
  ['empty JSON', '', 'application/json'],
  ['malformed JSON', '{"a":', 'application/json'],
  ['trailing garbage', '{"a":1} x', 'application/json'],
  ['a bare string', '"hello"', 'application/json'],
  ['null', 'null', 'application/json'],
  ['an array', '[1,2,3]', 'application/json'],
  ['__proto__ key', '{"__proto__":{"isAdmin":true}}', 'application/json'],
  ['nested __proto__', '{"a":{"__proto__":{"polluted":1}}}', 'application/json'],
  ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}', 'application/json'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), 'application/json'],
  ['lone surrogate escape', '{"a":"\\ud800"}', 'application/json'],
  ['NUL bytes', '{"a":"\\u0000\\u0000"}', 'application/json'],
  ['deeply nested arrays', deepArray(50_000).slice(0, BODY_LIMIT - 10), 'application/json'],
  ['deeply nested objects', deepObject(5_000), 'application/json'],
  ['huge string field', JSON.stringify({ name: 'x'.repeat(BODY_LIMIT - 100) }), 'application/json'],
  ['huge number', '{"n":1e99999}', 'application/json'],
  ['plain text', 'hello', 'text/plain'],
  ['XML', '<a>1</a>', 'application/xml'],
  ['form', 'a=1&b=2', 'application/x-www-form-urlencoded'],
  ['multipart', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', 'multipart/form-data; boundary=x'],
  ['JSON with a bad charset', '{}', 'application/json; charset=klingon'],
  ['garbage content type', '{}', '%%%/;;;'],
];

describe('no 500 on client mistakes', () => {
  let svc: TestService;
  let app: FastifyInstance;
  let ops: Operation[];
  beforeAll(async () => {
    svc = await startTestService('pglite', { bodyLimit: BODY_LIMIT }, { authenticate: async () => OWNER });
    app = svc.app!;
    // An unknown route too: bodies are parsed (and can fail) before the not-found handler runs.
    ops = [...operations(openApiDocument(app)), { method: 'POST', path: '/api/no-such-route', hasBody: true, query: [] }];
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  it('finds the routes to fuzz in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(0);
  });

  it('answers hostile raw bodies with 4xx and the error format', async () => {
    for (const op of ops.filter((o) => o.hasBody)) {
      for (const [label, payload, contentType] of HOSTILE) {
        const res = await app.inject({ method: op.method as 'POST', url: fillPath(op.path, 'x'), payload, headers: { 'content-type': contentType } });
        checkReply(`${op.method} ${op.path} with ${label}`, res);
      }
    }
  });

  it('answers a body over the limit with 413 and says what the limit is', async () => {
    const target = ops.find((o) => o.hasBody)!;
    const res = await app.inject({ method: target.method as 'POST', url: fillPath(target.path, 'x'), payload: JSON.stringify({ a: 'x'.repeat(BODY_LIMIT) }), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining(String(BODY_LIMIT)) });
  });

  it('answers arbitrary JSON bodies and path values with < 500', async () => {
    const bodyOps = ops.filter((o) => o.hasBody);
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'email', 'password', 'id', 'name'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), tie('object'), fc.string({ unit: 'binary', maxLength: 200 }), fc.double()),
      object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    })).value;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyOps), json, fc.string({ maxLength: 40 }), async (op, value, pathValue) => {
        const payload = JSON.stringify(value) ?? 'null';
        const res = await app.inject({ method: op.method as 'POST', url: fillPath(op.path, pathValue || 'x'), payload, headers: { 'content-type': 'application/json' } });
        checkReply(`${op.method} ${op.path} with ${payload.slice(0, 120)}`, res);
      }),
      { numRuns: Math.max(200, bodyOps.length * 60) },
    );
  });

  it('answers arbitrary raw bytes with < 500', async () => {
    const bodyOps = ops.filter((o) => o.hasBody);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyOps), fc.uint8Array({ maxLength: 300 }), fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'), async (op, bytes, ct) => {
        const res = await app.inject({ method: op.method as 'POST', url: fillPath(op.path, 'x'), payload: Buffer.from(bytes), headers: { 'content-type': ct } });
        checkReply(`${op.method} ${op.path} with ${bytes.length} raw bytes as ${ct}`, res);
      }),
      { numRuns: Math.max(100, bodyOps.length * 30) },
    );
  });

  it('answers arbitrary query strings with < 500', async () => {
    const queryOps = ops.filter((o) => o.query.length);
    const value = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('', '-1', '0', '1e400', 'NaN', 'Infinity', '9007199254740993', 'x'.repeat(5000), 'true', '%00', 'a@b.example', '__proto__'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...queryOps), fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('__proto__'), fc.constant('constructor')), value), { maxLength: 6 }), async (op, extra) => {
        const params = new URLSearchParams();
        for (const [k, v] of extra) params.append(k, v);
        // The route's own parameters, some repeated (arrays where a scalar is expected).
        for (const [i, name] of op.query.entries()) {
          const v = extra[i % Math.max(1, extra.length)]?.[1] ?? 'x';
          params.append(name, v);
          if (i % 2) params.append(name, v);
        }
        const url = `${fillPath(op.path, 'x')}?${params.toString()}`;
        const res = await app.inject({ method: op.method as 'GET', url });
        checkReply(`${op.method} ${url.slice(0, 200)}`, res);
      }),
      { numRuns: Math.max(200, queryOps.length * 60) },
    );
  });

  it('answers malformed URLs and percent-encoding with < 500', async () => {
    for (const url of ['/api/audit?limit=%', '/api/audit?%E0%A4%A=1', '/api/%', '/%c0%ae%c0%ae/', '/api/audit?limit=1&limit=2', `/api/audit?${'a=1&'.repeat(2000)}`]) {
      const res = await app.inject({ method: 'GET', url });
      checkReply(`GET ${url.slice(0, 80)}`, res);
    }
  });
});
