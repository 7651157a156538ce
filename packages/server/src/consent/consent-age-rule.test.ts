import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { startTestService, type TestService } from '../test-support/test-service.js';

const JUMPMIND = readFileSync(fileURLToPath(new URL('../../../../examples/jumpmind/corrected/declaration.yaml', import.meta.url)), 'utf8');
const authenticate = async (req: FastifyRequest): Promise<Principal> =>
  req.headers.authorization === 'Bearer pk_write' ? { kind: 'api_key', keyId: 'k-write', name: 'crm', scopes: ['consent:write', 'consent:read'] } : ANONYMOUS;

/**
 * The declared age rule on the ledger's API with the corrected Jumpmind declaration (seed 002: "directed to people who
 * are at least 13 years old"; children.minimum_age 13, no consent age): under 13 no consent is recorded, not even with a
 * parent's evidence, and an age the ledger knows keeps applying when a later receipt leaves it out (Art 8).
 */
describe('the age rule from children.minimum_age (Jumpmind)', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService('pglite', {}, { authenticate });
    await publishDeclaration(svc.deps, { files: { 'd.yaml': JUMPMIND }, entry: 'd.yaml', actor: { type: 'system' } });
  });
  afterAll(async () => {
    await svc?.dispose();
  });
  const record = (body: object) => svc.app!.inject({ method: 'POST', url: '/api/consent/receipts', headers: { authorization: 'Bearer pk_write' }, payload: body });
  const parent = { method: 'signed form checked against the parent\'s account', reference: 'F-12' };

  it('refuses a yes under 13 even with a parent\'s consent, takes a no, and keeps the known age for later receipts', async () => {
    const kid = await record({ person: { subjectId: 'j-kid' }, choices: { marketing_emails: 'granted' }, method: 'form', age: 12, parentalConsent: parent });
    expect(kid.statusCode, kid.body).toBe(422);
    expect(kid.json().error.details).toMatchObject({ reason: 'below_minimum_age', age: 13, purposes: ['marketing_emails'] });
    expect(kid.json().error.message).toMatch(/^This person is 12, under 13, the youngest age the declaration says marketing_emails is offered to/);
    // The banner's cookie categories too (the rule covers every consent): and the purpose they decide.
    const cookies = await record({ person: { subjectId: 'j-kid' }, choices: { 'cookie:statistics': 'granted' }, method: 'form', age: 12 });
    expect(cookies.json().error.details).toMatchObject({ reason: 'below_minimum_age', purposes: ['cookie:statistics', 'website_cookies'] });
    expect((await record({ person: { subjectId: 'j-kid' }, choices: { marketing_emails: 'refused' }, method: 'form', age: 12 })).statusCode).toBe(201);
    // Later, without the age and with a parent's evidence: the ledger knows this person is 12.
    const later = await record({ person: { subjectId: 'j-kid' }, choices: { marketing_emails: 'granted' }, method: 'form', parentalConsent: parent });
    expect(later.statusCode, later.body).toBe(422);
    expect(later.json().error.details.reason).toBe('below_minimum_age');
    expect((await record({ person: { subjectId: 'j-teen' }, choices: { marketing_emails: 'granted' }, method: 'form', age: 13 })).statusCode).toBe(201);
  });

  it('accepts an objection to product improvement on legitimate interests (Art 21(1)) through the API', async () => {
    const res = await record({ person: { email: 'user@example.com' }, choices: { product_improvement: 'refused' }, method: 'form' });
    expect(res.statusCode, res.body).toBe(201);
    const s = await svc.app!.inject({ method: 'GET', url: '/api/consent/state?email=user@example.com', headers: { authorization: 'Bearer pk_write' } });
    expect(s.json().targets.find((t: { key: string }) => t.key === 'product_improvement')).toMatchObject({ mode: 'object', state: 'refused', allowed: false });
  });
});
