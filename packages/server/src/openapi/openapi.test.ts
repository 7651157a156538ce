import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { openApiText } from './openapi-document.js';

const CHECKED_IN = new URL('../../../../openapi/openapi.json', import.meta.url);

describe('OpenAPI document', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService('pglite');
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  it('is checked in and matches the route schemas (run `npm run openapi` when this fails)', () => {
    const generated = openApiText(svc.app!);
    const checkedIn = readFileSync(CHECKED_IN, 'utf8');
    if (generated !== checkedIn) {
      expect.fail('openapi/openapi.json differs from the route schemas: run `npm run openapi` and commit the result.');
    }
  });

  it('is OpenAPI 3.1, served at /openapi.json, and documents every public API route', async () => {
    const res = await svc.app!.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(JSON.stringify(doc, null, 2) + '\n').toBe(openApiText(svc.app!));
    expect(Object.keys(doc.paths)).toContain('/api/audit');
    // Every documented operation has a summary, so the reference at /docs reads as a list of what you can do.
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { summary?: string }>>)) {
      for (const [method, op] of Object.entries(ops)) expect(op.summary, `${method.toUpperCase()} ${path} has no summary`).toBeTruthy();
    }
  });

  it('keeps its keys in a stable order', () => {
    const doc = JSON.parse(readFileSync(CHECKED_IN, 'utf8'));
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual([...paths].sort());
  });
});
