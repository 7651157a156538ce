import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { FormBrowser } from '../staff-pages/form-browser.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { MAX_TEXT } from './clean-text.js';
import { createRequest, REQUESTS_PER_IP_PER_HOUR } from './create-request.js';
import { JUPITER_YAML, submitRequest, TestClock } from './rights-test-helpers.js';

/**
 * The public form's limits that live in the database and in the text checks: requests per client address per hour
 * (whatever the email addresses), and free text over the maximum; each refused with a clear page and nothing stored.
 */
for (const kind of ['pglite', 'postgres'] as StoreKind[]) describe(`privacy centre limits on ${kind}`, async () => {
  const available = kind === 'pglite' || (await hasPostgres());
  let svc: TestService;
  const clock = new TestClock(Date.parse('2026-03-02T10:00:00Z'));
  const stored = async () => (await svc.deps.store.db.selectFrom('rights_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;

  beforeAll(async () => {
    if (!available) return;
    svc = await startTestService(kind, {}, { clock });
    await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  it.runIf(available)(`refuses the ${REQUESTS_PER_IP_PER_HOUR + 1}th request in an hour from one client address, with a page that says why, storing nothing; the next hour it works`, async () => {
    const ip = '203.0.113.50';
    // Earlier requests from that address, each for a different email (the per-email limit is not what stops them).
    for (let i = 0; i < REQUESTS_PER_IP_PER_HOUR; i++) await createRequest(svc.deps, { type: 'access', email: `flood${i}@example.test` }, { type: 'public', ip });
    const before = await stored();
    // The form from the same address (the first post the in-memory limit sees): refused by the database count.
    const refused = await submitRequest(new FormBrowser(svc.app!, ip), 'access', { email: 'one-more@example.test' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('too many requests from your network in the last hour');
    expect(refused.body).toContain('role="alert"');
    expect(await stored()).toBe(before);
    // Another address is not affected.
    expect((await submitRequest(new FormBrowser(svc.app!, '203.0.113.51'), 'access', { email: 'neighbour@example.test' })).statusCode).toBe(303);
    clock.advance(61 * 60_000);
    const later = await submitRequest(new FormBrowser(svc.app!, ip), 'access', { email: 'one-more@example.test' });
    expect(later.statusCode, later.body).toBe(303);
  });

  it.runIf(available)('refuses a message over the maximum length, saying how long it is and the limit, keeping what was typed, storing nothing', async () => {
    const before = await stored();
    const words = 'Please send me everything. '.repeat(Math.ceil((MAX_TEXT + 10) / 27)).slice(0, MAX_TEXT + 10);
    const res = await submitRequest(new FormBrowser(svc.app!, '198.51.100.90'), 'other', { email: 'long@example.test', details: words });
    expect(res.statusCode).toBe(400);
    const has = (s: string) => res.body.includes(s);
    expect(has(`Your message is ${words.trim().length} characters long: the most we accept is ${MAX_TEXT}. Shorten it, or send the rest later.`)).toBe(true);
    // The error is in the summary, linked to the field, and the text is still in it, so nothing typed is lost.
    expect(has('href="#field-details"')).toBe(true);
    expect(has('aria-invalid="true">Please send me everything. Please send me everything.')).toBe(true);
    // The text area has no maxlength, which would make a browser cut a long paste without a word.
    expect(/<textarea[^>]*maxlength/.test(res.body)).toBe(false);
    expect(await stored()).toBe(before);
    const name = await submitRequest(new FormBrowser(svc.app!, '198.51.100.91'), 'access', { email: 'long@example.test', name: 'N'.repeat(201) });
    expect(name.statusCode).toBe(400);
    expect(name.body).toContain('Your name is 201 characters long: the most we accept is 200.');
    expect(await stored()).toBe(before);
  });
});
