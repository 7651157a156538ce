import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../test-support/chromium.js';
import { startTestService, type TestService } from '../test-support/test-service.js';

const HAS_CHROMIUM = chromiumAvailable('the staff pages browser test');

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test-artifacts/staff-pages');
const PASSWORD = 'correct horse battery pledge';

/** The first-run setup, sign-in and account pages in a real browser with JavaScript turned off. */
describe.runIf(HAS_CHROMIUM)('staff pages in a real browser without JavaScript', () => {
  let svc: TestService;
  let browser: Browser;
  let setupUrl: string;
  let logs = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const sink = new Writable({ write: (chunk, _enc, cb) => void ((logs += chunk.toString()), cb()) });
    svc = await startTestService('pglite', { host: '127.0.0.1' }, { listen: true, logger: pino({ level: 'info' }, sink) });
    // The link as logged, moved to the port the test service really listens on.
    const logged = /Create the owner at (\S+) \(valid until/.exec(logs)?.[1];
    expect(logged).toBeTruthy();
    const u = new URL(logged!);
    setupUrl = `${svc.address}${u.pathname}${u.search}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.dispose();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    it(`sets up the owner, signs in and reaches /staff (${label}, ${viewport.width}px)`, { timeout: 60_000 }, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport, ...(label === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => void (/Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text())));
      const email = `owner-${label}@example.test`;

      if (label === 'desktop') {
        // The first-run link: create the owner (after one mistake, to see the error in place).
        await page.goto(setupUrl);
        await expect(page.title()).resolves.toBe('Set up Pledge – Pledge');
        await shot(page, `setup-${label}`);
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('Your name').fill('Olive <Owner>');
        await page.getByLabel('New password').fill('password1234');
        await page.getByRole('button', { name: 'Create the owner account' }).click();
        await expect(page.getByRole('alert').textContent()).resolves.toContain('well-known');
        expect(await page.getByLabel('Your name').inputValue()).toBe('Olive <Owner>');
        expect(await page.getByLabel('New password').inputValue()).toBe('');
        await shot(page, `setup-error-${label}`);
        await page.getByLabel('New password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Create the owner account' }).click();
        expect(new URL(page.url()).pathname).toBe('/signin');
        await expect(page.getByRole('status').textContent()).resolves.toContain('Your account is ready');
      } else {
        // The link is spent: the page says so and how to get a new one.
        await page.goto(setupUrl);
        await expect(page.getByRole('alert').textContent()).resolves.toContain('already been used');
        await shot(page, `setup-used-${label}`);
        await page.goto(`${svc.address}/staff`);
        expect(new URL(page.url()).pathname).toBe('/signin');
      }

      // Sign in: a wrong password first.
      await page.getByLabel('Email address').fill('owner-desktop@example.test');
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('The email or password is wrong');
      await shot(page, `signin-error-${label}`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      expect(new URL(page.url()).pathname).toBe('/staff');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Signed in as Olive <Owner>');
      await expect(page.getByRole('link', { name: 'Set up two-step verification' }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'Download the audit trail (CSV)' }).count()).resolves.toBe(1);
      await shot(page, `staff-${label}`);

      await page.getByRole('link', { name: 'Set up two-step verification' }).click();
      await page.getByRole('button', { name: 'Show my secret key' }).click();
      await expect(page.locator('code.pledge-secret').first().textContent()).resolves.toMatch(/^[A-Z2-7 ]{32,}$/);
      await shot(page, `mfa-secret-${label}`);
      await page.goto(`${svc.address}/staff`);

      await page.getByRole('button', { name: 'Sign out' }).click();
      expect(new URL(page.url()).pathname).toBe('/signin');
      await expect(page.getByRole('status').textContent()).resolves.toContain('You have signed out');
      expect(violations).toEqual([]);
      await context.close();
    });
  }
});
