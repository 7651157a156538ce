import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { mailsTo } from '../rights/rights-test-helpers.js';
import { axeViolations, focused, tabTo } from '../test-support/axe.js';
import { chromiumAvailable, launchChromium } from '../test-support/chromium.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { waitFor } from '../test-support/wait-for.js';
import { consentTestDeclaration } from './test-fixtures/consent-declaration.js';

const HAS_CHROMIUM = chromiumAvailable('the preference centre browser test');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Screenshots of each state (gitignored). */
const ARTIFACTS = join(ROOT, 'test-artifacts/preference-centre');

/** Strings from the declaration that must be shown as text, never run. */
const HOSTILE_ORG = 'Jet <script>window.pwned = 1</script> & "Sons"';
const HOSTILE_PURPOSE = 'Newsletter <img src=x onerror="window.pwned = 2"> & offers';

const DECLARATION = consentTestDeclaration()
  .replace('legal_name: Jet Technology Group Limited', `legal_name: '${HOSTILE_ORG}'`)
  .replace('    name: Newsletter\n', `    name: '${HOSTILE_PURPOSE}'\n`);

/** The radio button of one switch (a fieldset named by its purpose), by its label: Yes / No, or No objection / I object. */
const choice = (p: Page, purpose: string | RegExp, answer: 'Yes' | 'No' | 'No objection' | 'I object') => p.getByRole('group', { name: purpose }).getByRole('radio', { name: answer, exact: true });

/**
 * The public preference centre in a real browser against a listening Pledge: asking for a link by email, opening it
 * from the mail the outbox wrote, switching, saving, reloading, saying no to everything in one action; without
 * JavaScript on a phone and with it on a desktop; by keyboard alone; axe-core; hostile declaration strings.
 */
describe.runIf(HAS_CHROMIUM)('preference centre in Chromium', () => {
  let svc: TestService;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    svc = await startTestService('pglite', { host: '127.0.0.1' }, { listen: true });
    await publishDeclaration(svc.deps, { files: { 'd.yaml': DECLARATION }, entry: 'd.yaml', actor: { type: 'system' } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.dispose();
  });

  /** The preference link in the newest mail to `email` (read from the .eml once sent). */
  async function emailedLink(email: string, count: number): Promise<string> {
    const mails = await waitFor(`preference link mail ${count} to ${email}`, async () => {
      const m = await mailsTo(svc.deps, email);
      return m.length >= count && m.at(-1)!.text.includes('/consent/preferences?token=') ? m : undefined;
    });
    return /https?:\/\/[^\s]+?(\/consent\/preferences\?token=[A-Za-z0-9_-]{43})/.exec(mails.at(-1)!.text)![1]!;
  }

  const receiptsOf = async (email: string) =>
    (await svc.deps.store.db.selectFrom('consent_receipts').select(['email', 'choices', 'method']).orderBy('id').execute())
      .filter((r) => r.email && svc.deps.cipher.decrypt(r.email, 'consent_receipts.email') === email)
      .map((r) => ({ method: r.method, choices: (typeof r.choices === 'string' ? JSON.parse(r.choices) : r.choices) as Record<string, string> }));

  for (const [label, js, viewport] of [
    ['JavaScript off, phone', false, { width: 390, height: 844 }],
    ['JavaScript on, desktop', true, { width: 1280, height: 900 }],
  ] as const) {
    it(`link by email, switch, save, reload, say no to all (${label})`, { timeout: 90_000 }, async () => {
      const tag = js ? 'js-desktop' : 'nojs-phone';
      const email = `prefs-${tag}@example.test`;
      const context = await browser.newContext({ javaScriptEnabled: js, viewport });
      const page = await context.newPage();
      const cspViolations: string[] = [];
      page.on('console', (m) => void (/Content Security Policy|Refused to/.test(m.text()) && cspViolations.push(m.text())));

      await page.goto(`${svc.address}/consent/preferences`);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Your privacy choices');
      expect(await axeViolations(browser, page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `1-ask-for-link-${tag}.png`), fullPage: true });
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      expect(await page.getByRole('status').textContent()).toContain('a link to your choices is on its way');

      await page.goto(`${svc.address}${await emailedLink(email, 1)}`);
      // The token has left the address bar.
      expect(new URL(page.url()).search).toBe('');
      // Hostile strings from the declaration are shown as text.
      expect(await page.title()).toBe(`Your privacy choices – ${HOSTILE_ORG}`);
      expect(await page.getByText(HOSTILE_ORG, { exact: true }).count()).toBe(1);
      expect(await page.locator('legend', { hasText: HOSTILE_PURPOSE }).count()).toBe(1);
      expect(await page.locator('main img, main script').count()).toBe(0);
      // Nothing pre-ticked for consent; legitimate-interests marketing is on until objected to, in its own part (Art 21(4)).
      expect(await choice(page, HOSTILE_PURPOSE, 'No').isChecked()).toBe(true);
      expect(await choice(page, 'Direct marketing', 'No objection').isChecked()).toBe(true);
      expect(await choice(page, 'Managing your commercial and support enquiries', 'No objection').isChecked()).toBe(true);
      expect(await page.getByRole('heading', { name: 'Your right to object', level: 2 }).count()).toBe(1);
      // The cookie purpose follows the cookie categories, chosen in each browser's banner: said, not switched.
      expect(await page.getByRole('region', { name: 'Deployment of non-essential cookies' }).textContent()).toContain('in the cookie banner of each browser you use');
      expect(await axeViolations(browser, page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `2-choices-${tag}.png`), fullPage: true });

      await choice(page, HOSTILE_PURPOSE, 'Yes').check();
      await choice(page, 'Managing your commercial and support enquiries', 'I object').check();
      await page.getByRole('button', { name: 'Save my choices' }).click();
      expect(await page.getByRole('status').first().textContent()).toBe('Your choices are saved.');
      await page.screenshot({ path: join(ARTIFACTS, `3-saved-${tag}.png`), fullPage: true });
      await page.goto(`${svc.address}/consent/preferences`);
      expect(await choice(page, HOSTILE_PURPOSE, 'Yes').isChecked()).toBe(true);
      expect(await choice(page, 'Managing your commercial and support enquiries', 'I object').isChecked()).toBe(true);
      expect(await page.getByText('We have stopped this while we consider your objection.').count()).toBe(1);
      expect(await choice(page, 'Direct marketing', 'No objection').isChecked()).toBe(true);

      // Withdrawal as easy as giving (Art 7(3)): one action says no to everything.
      await page.getByRole('button', { name: 'Say no to all of these' }).click();
      expect(await page.getByRole('status').first().textContent()).toBe('Your choices are saved.');
      await page.reload();
      expect(await choice(page, HOSTILE_PURPOSE, 'No').isChecked()).toBe(true);
      expect(await choice(page, 'Direct marketing', 'I object').isChecked()).toBe(true);
      // Said under each direct marketing purpose (the newsletter and direct marketing).
      expect(await page.getByText('You have objected to direct marketing').count()).toBe(2);
      expect(await axeViolations(browser, page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `4-no-to-all-${tag}.png`), fullPage: true });

      expect(await receiptsOf(email)).toEqual([
        { method: 'preference_centre', choices: { newsletter: 'granted', direct_marketing: 'granted', enquiries: 'refused', customer_relationship: 'granted', supplier_relationship: 'granted' } },
        // "No to all" withdraws consent and objects to direct marketing; the other objections stay one by one.
        { method: 'preference_centre', choices: { newsletter: 'refused', direct_marketing: 'refused' } },
      ]);
      if (js) expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(cspViolations).toEqual([]);
      await context.close();
    });
  }

  it('can be completed with the keyboard alone, with a visible focus indicator', { timeout: 90_000 }, async () => {
    const email = 'prefs-keyboard@example.test';
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    await page.goto(`${svc.address}/consent/preferences`);
    await tabTo(page, (f) => f.tag === 'INPUT' && f.name === 'email', 'the email field');
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();

    await page.goto(`${svc.address}${await emailedLink(email, 1)}`);
    // The newsletter switch: Tab reaches the group's checked radio (No); the arrow key moves to and selects Yes.
    await tabTo(page, (f) => f.name === 'choice.newsletter', 'the newsletter switch');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toMatchObject({ name: 'choice.newsletter', value: 'granted' });
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Save my choices', 'Save my choices');
    // The saved page has the same address and text as the one before: wait for the navigation itself, not the text.
    let saved = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await saved;
    await page.getByText('Your choices are saved.').waitFor();
    expect(await choice(page, HOSTILE_PURPOSE, 'Yes').isChecked()).toBe(true);

    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Say no to all of these', 'Say no to all of these');
    saved = page.waitForEvent('load');
    await page.keyboard.press('Space');
    await saved;
    await page.getByText('Your choices are saved.').waitFor();
    expect(await choice(page, HOSTILE_PURPOSE, 'No').isChecked()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, '5-keyboard-done.png'), fullPage: true });
    expect((await receiptsOf(email)).map((r) => r.choices.newsletter)).toEqual(['granted', 'refused']);
    await context.close();
  });

  it('with Global Privacy Control on, in a browser with the banner\'s cookie: its cookie categories are refused and the signal explained (axe clean)', { timeout: 60_000 }, async () => {
    const email = 'prefs-gpc@example.test';
    const deviceId = '9f'.repeat(16);
    const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' }, viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await context.addCookies([{ name: 'pledge_consent', value: encodeURIComponent(JSON.stringify({ g: [], v: '1', m: 'x', t: 1, d: deviceId, s: 'banner' })), url: svc.address }]);
    const page = await context.newPage();
    // The banner's cookie opens this browser's cookie choices; the page offers the emailed link for the rest.
    await page.goto(`${svc.address}/consent/preferences`);
    await page.getByRole('link', { name: 'get a link by email' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    const res = await page.goto(`${svc.address}${await emailedLink(email, 1)}`);
    expect(res!.headers().vary).toBe('Sec-GPC');
    expect(await page.locator('#pledge-gpc').textContent()).toContain('Global Privacy Control signal, and we honour it');
    expect(await choice(page, 'statistics', 'No').isChecked()).toBe(true);
    expect(await choice(page, 'marketing', 'No').isChecked()).toBe(true);
    expect(await page.getByRole('region', { name: 'Deployment of non-essential cookies' }).textContent()).toContain('On this browser: not allowed.');
    expect(await axeViolations(browser, page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, '6-gpc.png'), fullPage: true });
    const device = await svc.deps.store.db.selectFrom('consent_receipts').select(['method', 'choices']).where('device_id', '=', deviceId).execute();
    expect(device.map((r) => ({ method: r.method, choices: typeof r.choices === 'string' ? JSON.parse(r.choices) : r.choices }))).toEqual([
      { method: 'gpc', choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused', cookies: 'refused' } },
    ]);
    expect(await receiptsOf(email)).toEqual([]);
    await context.close();
  });
});
