import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { axeViolations, focused, tabTo } from '../test-support/axe.js';
import { chromiumAvailable, launchChromium } from '../test-support/chromium.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { listIdentityDocuments } from './identity-documents.js';
import { codeIn, JUPITER_YAML, linkIn, mailsTo } from './rights-test-helpers.js';
import { askIdentity } from './work-actions.js';

const HAS_CHROMIUM = chromiumAvailable('the privacy centre browser test');

const HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';

/**
 * The public privacy centre in a real browser: the form sent with JavaScript on and off, on a desktop and a phone, each
 * page checked by axe-core (WCAG 2.2 AA and best practice); and the whole journey by keyboard alone.
 */
describe.runIf(HAS_CHROMIUM)('privacy centre in Chromium', () => {
  let svc: TestService;
  let browser: Browser;

  beforeAll(async () => {
    svc = await startTestService('pglite', { host: '127.0.0.1' }, { listen: true });
    await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.dispose();
  });

  for (const [label, js, viewport] of [
    ['JavaScript off, phone', false, { width: 390, height: 844 }],
    ['JavaScript on, desktop', true, { width: 1280, height: 900 }],
  ] as const) {
    it(`sends an erasure request, confirms it with the emailed code and follows it (${label})`, { timeout: 60_000 }, async () => {
      const context = await browser.newContext({ javaScriptEnabled: js, viewport });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => void (/Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text())));
      const email = `browser-${js ? 'js' : 'nojs'}@example.test`;

      await page.goto(`${svc.address}/privacy/requests`);
      await expect(page.title()).resolves.toContain('What would you like us to do?');
      expect(await axeViolations(browser, page), 'the choose page').toEqual([]);
      await page.getByRole('link', { name: /Delete my data/ }).click();
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Deleting your data');
      expect(await axeViolations(browser, page), 'the form').toEqual([]);

      // A mistake first: the error is announced and linked to the field.
      await page.getByLabel('Your email address').fill('not an email');
      await page.getByRole('button', { name: 'Send request' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('is not an email address');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      expect(await axeViolations(browser, page), 'the form with an error').toEqual([]);

      await page.getByLabel('Your email address').fill(email);
      await page.getByLabel('Anything we should know (optional)').fill(HOSTILE);
      await page.getByRole('button', { name: 'Send request' }).click();
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Check your email');
      expect(await axeViolations(browser, page), 'the code page').toEqual([]);

      const code = codeIn((await mailsTo(svc.deps, email)).at(-1)!);
      await page.getByLabel('Code').fill(code);
      await page.getByRole('button', { name: 'Confirm' }).click();
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Request received');
      expect(await page.getByRole('status').textContent()).toContain('is confirmed');
      expect(await axeViolations(browser, page), 'the received page').toEqual([]);

      const ack = (await mailsTo(svc.deps, email)).at(-1)!;
      await page.goto(`${svc.address}${linkIn(ack, '/privacy/requests/status/')}`);
      expect(await page.locator('dl').textContent()).toContain('Reply due by');
      expect(await axeViolations(browser, page), 'the status page').toEqual([]);
      if (js) {
        expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      }
      expect(violations).toEqual([]);
      const row = await svc.deps.store.db.selectFrom('rights_requests').select(['id', 'status', 'details_enc']).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(row.status).toBe('received');
      expect(svc.deps.cipher.decrypt(row.details_enc!, 'rights_requests.details_enc')).toBe(HOSTILE);

      // Staff ask for proof of identity: the status page offers a file upload (multipart form, works without JavaScript).
      await askIdentity(svc.deps, row.id, { type: 'system' }, 'Please send a scan of a photo ID.');
      await page.reload();
      expect(await axeViolations(browser, page), 'the status page asking for proof of identity').toEqual([]);
      await page.getByLabel('A document (optional)').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('it is me') });
      await page.getByRole('button', { name: 'Send' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('is not a type we can accept as proof of identity');
      expect(await axeViolations(browser, page), 'the status page with an upload error').toEqual([]);
      await page.getByLabel('A document (optional)').setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
      await page.getByLabel('A message (optional)').fill('My passport');
      await page.getByRole('button', { name: 'Send' }).click();
      expect(await page.getByRole('status').textContent()).toContain('we have your answer');
      expect(await page.locator('main').textContent()).toContain('We have received 1 document from you');
      expect((await listIdentityDocuments(svc.deps.store.db, svc.deps.cipher, row.id)).map((d) => d.name)).toEqual(['passport.pdf']);
      expect(violations).toEqual([]);
      await context.close();
    });
  }

  it('can be used with the keyboard alone, with a visible focus at every step: choose, form, code, status page', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = 'keyboard@example.test';
    const heading = async () => (await page.getByRole('heading', { level: 1 }).textContent())?.trim();

    await page.goto(`${svc.address}/privacy/requests`);
    await tabTo(page, (f) => f.tag === 'A' && f.text.startsWith('Get a copy of my data'), 'the access choice');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/privacy\/requests\/new\/access$/);
    expect(await heading()).toBe('A copy of your data');

    await tabTo(page, (f) => f.tag === 'INPUT' && f.name === 'email', 'the email field');
    await page.keyboard.type(email);
    await tabTo(page, (f) => f.tag === 'TEXTAREA' && f.name === 'details', 'the message field');
    await page.keyboard.type('Everything, please.');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Send request', 'Send request');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/privacy\/requests\/verify\//);
    expect(await heading()).toBe('Check your email');

    await tabTo(page, (f) => f.tag === 'INPUT' && f.name === 'code', 'the code field');
    await page.keyboard.type(codeIn((await mailsTo(svc.deps, email)).at(-1)!));
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    expect(await heading()).toBe('Request received');

    await page.goto(`${svc.address}${linkIn((await mailsTo(svc.deps, email)).at(-1)!, '/privacy/requests/status/')}`);
    expect(await page.locator('dl').textContent()).toContain('Reply due by');
    // The page's links are reachable too, each with a visible focus.
    await tabTo(page, (f) => f.tag === 'A' && f.text === 'Read our privacy notice', 'the privacy notice link');
    expect((await focused(page)).outline).toMatch(/^solid [3-9]/);
    await context.close();
  });
});

