import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBannerConfig, parseDeclaration } from '@pledge/core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const DIST = resolve(HERE, '../dist/banner.js');
const ARTIFACTS = resolve(ROOT, 'test-artifacts/banner');
const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  if (process.env.CI === 'true') throw new Error('Chromium is required under CI (apt-get install -y chromium) for the banner browser test.');
  console.warn('\n!!! Chromium not found at /usr/bin/chromium: the cookie banner browser test is SKIPPED on this machine. !!!\n');
}

describe('dist/banner.js size', () => {
  it('is built and at most 6 KB gzipped (JS and CSS together)', () => {
    expect(existsSync(DIST), 'run `npm run build` first').toBe(true);
    const raw = readFileSync(DIST);
    const gz = gzipSync(raw, { level: 9 }).length;
    console.log(`dist/banner.js: ${raw.length} bytes raw, ${gz} bytes gzip`);
    expect(gz).toBeLessThanOrEqual(6144);
  });
});

/** The test site's config, made from the Jet Technology declaration by @pledge/core. */
const declaration = parseDeclaration(readFileSync(resolve(ROOT, 'examples/jet-technology/corrected/declaration.yaml'), 'utf8')).declaration!;
const CONFIG = buildBannerConfig(declaration, { endpoint: '/consent/receipts', noticeUrl: '/privacy' });

const page = (lang: string) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Test shop</title>
<script src="/consent/banner.js" data-config="/consent/config.json" defer></script>
<script type="text/plain" data-category="statistics">window.ran = (window.ran || []).concat('stats1')</script>
<script type="text/plain" data-category="marketing" src="/ext.js"></script>
<script type="text/plain" data-category="statistics">window.ran = (window.ran || []).concat('stats2')</script>
</head><body><main><h1>Test shop</h1><p>Welcome.</p>
<button type="button" data-pledge-consent-open>Cookie settings</button>
<iframe title="Advert" data-category="marketing" data-src="/frame.html"></iframe></main></body></html>`;

/** The README's guard line: it stops the documented line's render blocking after a second when Pledge does not answer. */
const GUARD = /<script>\(function\(s\)\{setTimeout.*<\/script>/.exec(readFileSync(resolve(HERE, '../README.md'), 'utf8'))![0];

/** Statistics claimed exempt with an opt-out (PECR reg 6 as amended): on unless the person objects. */
const EXEMPT = { ...CONFIG, categories: CONFIG.categories.map((c) => (c.id === 'statistics' ? { ...c, mode: 'opt_out' as const } : c)) };

interface Receipt { deviceId: string; choices: Record<string, string>; method: string; declarationVersion: string; page: string; idempotencyKey: string; givenAt?: string }

describe.runIf(HAS_CHROMIUM)('cookie banner in Chromium against a real server', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  const receipts: Receipt[] = [];
  /** Every POST to the receipts endpoint and what it was answered (set `answer` to make the endpoint fail). */
  const attempts: { body: Receipt; status: number | 'down' }[] = [];
  let answer: { status: number | 'down'; body?: string } = { status: 202 };
  const hung: { destroy(): void }[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (type: string, body: string | Buffer) => res.writeHead(200, { 'content-type': type }).end(body);
      if (req.method === 'POST' && url.pathname === '/consent/receipts') {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const { status, body: reply } = answer;
          attempts.push({ body: JSON.parse(body) as Receipt, status });
          if (status === 'down') return void req.socket.destroy();
          if (status < 300) receipts.push(JSON.parse(body) as Receipt);
          res.writeHead(status, { 'content-type': 'application/json' }).end(reply ?? '');
        });
        return;
      }
      if (url.pathname === '/consent/banner.js') return send('text/javascript', readFileSync(DIST));
      if (url.pathname === '/consent/config.json') return send('application/json', JSON.stringify(CONFIG));
      if (url.pathname === '/ext.js') return send('text/javascript', "window.ran = (window.ran || []).concat('marketing-ext')");
      if (url.pathname === '/frame.html') return send('text/html', '<!doctype html><title>Advert</title><p>Advert</p>');
      if (url.pathname === '/dnt')
        return send('text/html', `<!doctype html><html lang="en"><head><title>DNT</title>
<script type="application/json" id="pledge-consent-config">${JSON.stringify({ ...CONFIG, honourDoNotTrack: true })}</script>
<script src="/consent/banner.js" defer></script></head><body><main><h1>DNT</h1></main></body></html>`);
      // A Pledge that never answers: the page embeds the documented line and the guard line from the README.
      if (url.pathname === '/hang.js') return void hung.push(res);
      if (url.pathname === '/guarded') return send('text/html', `<!doctype html><html lang="en"><head><title>Guarded</title>
<script>new PerformanceObserver((l) => l.getEntries().forEach((e) => (window[e.name] = e.startTime))).observe({ type: 'paint', buffered: true })</script>
<script src="/hang.js" async blocking="render"></script>
${GUARD}</head><body><main><h1>Guarded</h1></main></body></html>`);
      if (url.pathname === '/slow.js') return void setTimeout(() => send('text/javascript', "window.seen = !!document.getElementById('pc')"), 300);
      // The banner runs before the body exists (a plain script in the head); the body's parsing then stalls on a slow
      // script, and a blocked script comes after it.
      if (url.pathname === '/early')
        return send('text/html', `<!doctype html><html lang="en"><head><title>Early</title>
<script type="application/json" id="pledge-consent-config">${JSON.stringify(EXEMPT)}</script>
<script src="/consent/banner.js"></script></head><body><main><h1>Early</h1><script src="/slow.js"></script>
<script type="text/plain" data-category="statistics">window.ran = (window.ran || []).concat('stats-late')</script></main></body></html>`);
      // Withdrawal: marketing names a cookie family; the choices reopen from a link.
      if (url.pathname === '/withdraw') {
        const family = { ...CONFIG, categories: CONFIG.categories.map((c) => (c.id === 'marketing' ? { ...c, cookies: [...c.cookies, { name: '_gac_<property-id>', provider: 'Google', purpose: 'Advert clicks.' }] } : c)) };
        return send('text/html', `<!doctype html><html lang="en"><head><title>Withdraw</title>
<script type="application/json" id="pledge-consent-config">${JSON.stringify(family)}</script><script src="/consent/banner.js" defer></script></head>
<body><main><h1>Withdraw</h1><p><a href="#" data-pledge-consent-open>Cookie choices</a></p>
<iframe title="Advert" data-category="marketing" data-src="/frame.html"></iframe></main></body></html>`);
      }
      if (url.pathname === '/exempt-gpc')
        return send('text/html', `<!doctype html><html lang="en"><head><title>GPC</title>
<script type="application/json" id="pledge-consent-config">${JSON.stringify(EXEMPT)}</script><script src="/consent/banner.js" defer></script></head>
<body><main><h1>GPC</h1><button type="button" data-pledge-consent-open>Cookie settings</button></main></body></html>`);
      if (url.pathname === '/exempt') {
        return send('text/html', page('en-GB').replace('<script src="/consent/banner.js" data-config="/consent/config.json" defer></script>', `<script type="application/json" id="pledge-consent-config">${JSON.stringify(EXEMPT)}</script><script src="/consent/banner.js" defer></script>`));
      }
      if (url.pathname === '/' || url.pathname === '/cy') return send('text/html', page(url.pathname === '/cy' ? 'cy' : 'en-GB'));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    for (const r of hung) r.destroy();
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const ran = (p: Page) => p.evaluate(() => (window as unknown as { ran?: string[] }).ran ?? []);
  const receiptsFor = async (deviceId: string, n = 1): Promise<Receipt[]> => {
    for (let i = 0; i < 100 && receipts.filter((r) => r.deviceId === deviceId).length < n; i++) await new Promise((r) => setTimeout(r, 50));
    return receipts.filter((r) => r.deviceId === deviceId);
  };
  const consent = (p: Page) => p.evaluate(() => (window as unknown as { pledgeConsent: { get(): { deviceId: string; granted: string[]; method: string } | null } }).pledgeConsent.get());
  const open = async (init?: () => void): Promise<{ ctx: BrowserContext; p: Page }> => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    if (init) await ctx.addInitScript(init);
    const p = await ctx.newPage();
    await p.goto(`${base}/`);
    return { ctx, p };
  };
  /** Presses Tab until the focused element's text or label matches (keyboard only; at most 20 presses). */
  const tabTo = async (p: Page, name: RegExp) => {
    for (let i = 0; i < 20; i++) {
      await p.keyboard.press('Tab');
      const label = await p.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return a?.id && a.tagName === 'INPUT' ? document.querySelector(`label[for="${a.id}"]`)?.textContent ?? '' : a?.textContent ?? '';
      });
      if (name.test(label)) return;
    }
    throw new Error(`could not reach ${name} with Tab`);
  };

  it('shows the banner with dialog semantics, focus inside, Accept and Reject equally prominent, and nothing run', async () => {
    const { ctx, p } = await open();
    const dialog = p.getByRole('dialog', { name: 'Cookies on this website' });
    await expect(dialog.isVisible()).resolves.toBe(true);
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await p.evaluate(() => document.getElementById('pc')!.contains(document.activeElement))).toBe(true);
    const style = (name: string) =>
      p.getByRole('button', { name, exact: true }).evaluate((b) => {
        const s = getComputedStyle(b);
        const r = b.getBoundingClientRect();
        return { tag: b.tagName, fontSize: s.fontSize, fontWeight: s.fontWeight, padding: s.padding, background: s.backgroundColor, color: s.color, border: s.border, height: r.height };
      });
    const accept = await style('Accept all');
    expect(accept).toEqual(await style('Reject all'));
    expect(accept.fontWeight).toBe('600');
    expect(await p.getByRole('link', { name: 'Privacy and cookie notice' }).getAttribute('href')).toBe('/privacy');
    expect(await ran(p)).toEqual([]);
    expect(await p.locator('iframe').getAttribute('src')).toBeNull();
    await shot(p, '1-first-layer');
    await p.getByRole('button', { name: 'Choose cookies' }).click();
    // Nothing pre-ticked except strictly necessary.
    expect(await p.getByRole('switch').evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).checked, (e as HTMLInputElement).disabled]))).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    await shot(p, '2-choices');
    await ctx.close();
  });

  it('Reject all keeps blocked scripts and iframes from running and sends a refusal receipt', async () => {
    const { ctx, p } = await open();
    await p.getByRole('button', { name: 'Reject all' }).click();
    expect(await p.locator('#pc').count()).toBe(0);
    const c = await consent(p);
    expect(c).toMatchObject({ granted: [], method: 'banner' });
    const [r] = await receiptsFor(c!.deviceId);
    expect(r).toMatchObject({ choices: { statistics: 'refused', marketing: 'refused' }, method: 'banner', declarationVersion: '2026-03-02', page: '/' });
    expect(r!.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    await p.reload();
    expect(await p.locator('#pc').count()).toBe(0);
    expect(await ran(p)).toEqual([]);
    expect(await p.locator('iframe').getAttribute('src')).toBeNull();
    const cookies = await ctx.cookies();
    expect(cookies.map((k) => k.name)).toEqual(['pledge_consent']);
    expect(cookies[0]).toMatchObject({ sameSite: 'Lax', path: '/' });
    expect(cookies[0]!.expires - Date.now() / 1000).toBeGreaterThan(180 * 86400);
    await shot(p, '3-rejected');
    await ctx.close();
  });

  it('Accept all runs blocked scripts in document order and loads iframes', async () => {
    const { ctx, p } = await open();
    await p.getByRole('button', { name: 'Accept all' }).click();
    await p.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 3);
    expect(await ran(p)).toEqual(['stats1', 'marketing-ext', 'stats2']);
    expect(await p.locator('iframe').getAttribute('src')).toBe('/frame.html');
    const c = await consent(p);
    const [r] = await receiptsFor(c!.deviceId);
    expect(r!.choices).toEqual({ statistics: 'granted', marketing: 'granted' });
    await shot(p, '4-accepted');
    await ctx.close();
  });

  it('per-category choices hold across reloads; withdrawal stops loads and deletes the category\'s first-party cookies', async () => {
    const { ctx, p } = await open();
    await p.getByRole('button', { name: 'Choose cookies' }).click();
    await p.getByRole('switch', { name: 'Statistics' }).check();
    await p.getByRole('button', { name: 'Save my choices' }).click();
    expect(await ran(p)).toEqual(['stats1', 'stats2']);
    await p.reload();
    expect(await p.locator('#pc').count()).toBe(0);
    expect(await ran(p)).toEqual(['stats1', 'stats2']);
    expect(await p.evaluate(() => [(window as any).pledgeConsent.allowed('statistics'), (window as any).pledgeConsent.allowed('marketing')])).toEqual([true, false]);
    // Withdraw statistics through the page's own "Cookie settings" button; _ga cookies are removed.
    await p.evaluate(() => void (document.cookie = '_ga=GA1.1.123; path=/', document.cookie = '_ga_ABC123=GS1; path=/', document.cookie = 'other=1; path=/'));
    await p.getByRole('button', { name: 'Cookie settings' }).click();
    expect(await p.getByRole('switch', { name: 'Statistics' }).isChecked()).toBe(true);
    await shot(p, '5-reopened');
    await p.getByRole('switch', { name: 'Statistics' }).uncheck();
    await p.getByRole('button', { name: 'Save my choices' }).click();
    expect((await ctx.cookies()).map((k) => k.name).sort()).toEqual(['other', 'pledge_consent']);
    const c = await consent(p);
    const rs = await receiptsFor(c!.deviceId, 2);
    expect(rs.map((r) => r.choices.statistics)).toEqual(['granted', 'refused']);
    await p.reload();
    expect(await ran(p)).toEqual([]);
    await ctx.close();
  });

  it('Global Privacy Control refuses without asking and records method "gpc"', async () => {
    const { ctx, p } = await open(() => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true }));
    await p.waitForFunction(() => (window as any).pledgeConsent.get() !== null);
    expect(await p.locator('#pc').count()).toBe(0);
    const c = await consent(p);
    expect(c).toMatchObject({ granted: [], method: 'gpc' });
    const [r] = await receiptsFor(c!.deviceId);
    expect(r).toMatchObject({ method: 'gpc', choices: { statistics: 'refused', marketing: 'refused' } });
    expect(await ran(p)).toEqual([]);
    await p.getByRole('button', { name: 'Cookie settings' }).click();
    expect(await p.getByRole('switch', { name: 'Marketing' }).isChecked()).toBe(false);
    await shot(p, '6-gpc-reopened');
    await ctx.close();
  });

  it('a keyboard-only user can accept, reject and choose per category (Tab, Enter, Space), with focus kept in the banner', async () => {
    // Accept with Enter.
    let { ctx, p } = await open();
    await tabTo(p, /^Accept all$/);
    await p.keyboard.press('Enter');
    expect((await consent(p))?.granted).toEqual(['statistics', 'marketing']);
    await ctx.close();
    // Reject with Space.
    ({ ctx, p } = await open());
    await tabTo(p, /^Reject all$/);
    await p.keyboard.press('Space');
    expect(await consent(p)).toMatchObject({ granted: [], method: 'banner' });
    await ctx.close();
    // Choose: open the choices, switch marketing on with Space, save with Enter; focus cycles inside the banner.
    ({ ctx, p } = await open());
    await tabTo(p, /^Choose cookies$/);
    await p.keyboard.press('Enter');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('pc-statistics');
    await tabTo(p, /^Marketing$/);
    await p.keyboard.press('Space');
    await shot(p, '7-keyboard-choices');
    for (let i = 0; i < 12; i++) {
      await p.keyboard.press('Tab');
      expect(await p.evaluate(() => document.getElementById('pc')!.contains(document.activeElement))).toBe(true);
    }
    await tabTo(p, /^Save my choices$/);
    await p.keyboard.press('Enter');
    expect((await consent(p))?.granted).toEqual(['marketing']);
    // The external script loads asynchronously.
    await p.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 1);
    expect(await ran(p)).toEqual(['marketing-ext']);
    // Reopen from the page with the keyboard and withdraw.
    await tabTo(p, /^Cookie settings$/);
    await p.keyboard.press('Enter');
    await tabTo(p, /^Reject all$/);
    await p.keyboard.press('Enter');
    expect((await consent(p))?.granted).toEqual([]);
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Cookie settings');
    await ctx.close();
  });

  it('statistics claimed exempt with an opt-out run before any choice, show switched on, and Reject all objects to them (stopped, cookies deleted)', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${base}/exempt`);
    expect(await p.locator('#pc').isVisible()).toBe(true);
    expect(await consent(p)).toBeNull();
    expect(await ran(p)).toEqual(['stats1', 'stats2']);
    expect(await p.evaluate(() => [(window as any).pledgeConsent.allowed('statistics'), (window as any).pledgeConsent.allowed('marketing')])).toEqual([true, false]);
    await p.evaluate(() => void (document.cookie = '_ga=GA1.1.1; path=/'));
    await p.getByRole('button', { name: 'Choose cookies' }).click();
    expect(await p.getByRole('switch', { name: 'Statistics' }).isChecked()).toBe(true);
    expect(await p.getByRole('switch', { name: 'Marketing' }).isChecked()).toBe(false);
    await p.getByRole('button', { name: 'Reject all' }).click();
    expect((await ctx.cookies()).map((k) => k.name)).toEqual(['pledge_consent']);
    const c = await consent(p);
    expect((await receiptsFor(c!.deviceId))[0]!.choices).toEqual({ statistics: 'refused', marketing: 'refused' });
    await p.reload();
    expect(await ran(p)).toEqual([]);
    await ctx.close();
  });

  it('a browser signal records only what it refuses: exempt opt-out categories it leaves on are not in the receipt', async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true }));
    const p = await ctx.newPage();
    await p.goto(`${base}/exempt-gpc`);
    await p.waitForFunction(() => (window as any).pledgeConsent.get() !== null);
    const c = await consent(p);
    expect(c).toMatchObject({ granted: ['statistics'], method: 'gpc' });
    const [r] = await receiptsFor(c!.deviceId);
    expect(r!.choices).toEqual({ marketing: 'refused' });
    await ctx.close();
  });

  it('Do Not Track refuses with method "dnt" when the config honours it (embedded config)', async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => Object.defineProperty(navigator, 'doNotTrack', { get: () => '1' }));
    const p = await ctx.newPage();
    await p.goto(`${base}/dnt`);
    expect(await p.locator('#pc').count()).toBe(0);
    const c = await consent(p);
    expect(c).toMatchObject({ granted: [], method: 'dnt' });
    expect((await receiptsFor(c!.deviceId))[0]).toMatchObject({ method: 'dnt', choices: { statistics: 'refused', marketing: 'refused' } });
    await ctx.close();
  });

  it('asks again when the stored choice is for another material version of the cookie table', async () => {
    const ctx = await browser.newContext();
    const stale = { g: ['statistics', 'marketing'], v: '2025-01-01', m: '00000000', t: Date.now(), d: 'ab'.repeat(16), s: 'banner' };
    await ctx.addCookies([{ name: 'pledge_consent', value: encodeURIComponent(JSON.stringify(stale)), url: base }]);
    const p = await ctx.newPage();
    await p.goto(`${base}/`);
    expect(await p.locator('#pc').isVisible()).toBe(true);
    expect(await ran(p)).toEqual([]);
    // The new answer keeps the device id, so the ledger links it to the earlier receipts of this device.
    await p.getByRole('button', { name: 'Reject all' }).click();
    expect(await consent(p)).toMatchObject({ deviceId: 'ab'.repeat(16), granted: [] });
    await ctx.close();
  });

  it('has no entrance animation: in place and opaque from the moment it is inserted, with or without reduced motion', async () => {
    for (const reducedMotion of ['reduce', 'no-preference'] as const) {
      const ctx = await browser.newContext({ reducedMotion, viewport: { width: 1100, height: 800 } });
      // Measured synchronously when the element is inserted: what the first frame after it would paint.
      await ctx.addInitScript(() =>
        new MutationObserver((_, o) => {
          const e = document.getElementById('pc');
          if (!e) return;
          o.disconnect();
          const r = e.getBoundingClientRect();
          (window as unknown as { atInsert: object }).atInsert = { top: r.top, bottom: r.bottom, opacity: getComputedStyle(e).opacity, animations: e.getAnimations().length, transform: getComputedStyle(e).transform };
        }).observe(document, { childList: true, subtree: true }),
      );
      const p = await ctx.newPage();
      await p.goto(`${base}/`);
      // The banner may be inserted after the load event (its configuration can arrive later): wait for the insertion.
      await p.waitForFunction(() => (window as unknown as { atInsert?: object }).atInsert !== undefined);
      const at = await p.evaluate(() => (window as unknown as { atInsert: { top: number; bottom: number; opacity: string; animations: number; transform: string } }).atInsert);
      expect(at).toMatchObject({ bottom: 800, opacity: '1', animations: 0, transform: 'none' });
      expect(at.top).toBeGreaterThan(0);
      await ctx.close();
    }
  });

  it('a script run before the body exists shows the banner as soon as the body is created, and still applies blocked scripts parsed later', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${base}/early`);
    // /slow.js, parsed right after <main> opens, found the banner already there (not waiting for DOMContentLoaded).
    expect(await p.evaluate(() => (window as unknown as { seen?: boolean }).seen)).toBe(true);
    expect(await p.locator('#pc').isVisible()).toBe(true);
    expect(await ran(p)).toEqual(['stats-late']);
    await ctx.close();
  });

  it('a receipt the endpoint does not take (down, or 503) is kept in the cookie and resent on the next page with the same key, once', async () => {
    for (const status of ['down', 503] as const) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      const warnings: string[] = [];
      p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await p.goto(`${base}/`);
      answer = { status };
      const before = attempts.length;
      const clickedAt = Date.now();
      await p.getByRole('button', { name: 'Reject all' }).click();
      const c = await consent(p);
      await expect.poll(() => attempts.length).toBe(before + 1);
      const first = attempts[before]!.body;
      // A first send is dated by the server; the resend below carries the time of the choice.
      await expect.poll(() => warnings.join('\n')).toContain('resent on the next page');
      const kept = JSON.parse(decodeURIComponent((await ctx.cookies()).find((k) => k.name === 'pledge_consent')!.value)) as { u: { k: string }[] };
      expect(kept.u.map((x) => x.k)).toEqual([first.idempotencyKey]);
      answer = { status: 202 };
      await p.reload();
      const rs = await receiptsFor(c!.deviceId);
      expect(first.givenAt).toBeUndefined();
      expect(rs).toEqual([{ ...first, givenAt: expect.any(String) }]);
      expect(Math.abs(Date.parse(rs[0]!.givenAt!) - clickedAt)).toBeLessThan(5000);
      // Answered 2xx: it leaves the cookie, and the next page sends nothing.
      await expect.poll(async () => JSON.parse(decodeURIComponent((await ctx.cookies()).find((k) => k.name === 'pledge_consent')!.value)).u).toEqual([]);
      const sent = attempts.length;
      await p.reload();
      await p.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      expect(attempts.length).toBe(sent);
      expect(await consent(p)).toMatchObject({ granted: [], method: 'banner' });
      await ctx.close();
    }
  });

  it('a receipt refused with a 4xx is not resent, and the console says what to fix', async () => {
    for (const [status, fix] of [[400, 'choices is empty'], [403, 'to PLEDGE_CONSENT_ORIGINS']] as const) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      const warnings: string[] = [];
      p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await p.goto(`${base}/`);
      answer = { status, body: JSON.stringify({ error: { message: status === 400 ? 'choices is empty: give at least one category.' : 'Not one of the sites.' } }) };
      const before = attempts.length;
      await p.getByRole('button', { name: 'Accept all' }).click();
      await expect.poll(() => warnings.join('\n')).toContain(fix);
      expect(warnings.join('\n')).toContain(`refused (${status})`);
      answer = { status: 202 };
      await p.reload();
      await p.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      expect(attempts.length).toBe(before + 1);
      await ctx.close();
    }
  });

  it('withdrawing marketing from a link unloads its loaded iframe and deletes its first-party cookies, a family prefix included', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${base}/withdraw`);
    await p.getByRole('button', { name: 'Accept all' }).click();
    const frameText = () => p.locator('iframe').evaluate((f) => (f as HTMLIFrameElement).contentDocument?.body?.textContent ?? '');
    await expect.poll(frameText).toBe('Advert');
    await p.evaluate(() => void (document.cookie = '_gcl_au=1.1; path=/', document.cookie = '_gac_UA123=1.1; path=/', document.cookie = '_ga=GA1.1.1; path=/'));
    await p.getByRole('link', { name: 'Cookie choices' }).click();
    expect(await p.evaluate(() => location.hash)).toBe('');
    expect(await p.getByRole('switch', { name: 'Marketing' }).isChecked()).toBe(true);
    await p.getByRole('switch', { name: 'Marketing' }).uncheck();
    await p.getByRole('button', { name: 'Save my choices' }).click();
    expect(await p.locator('iframe').getAttribute('src')).toBe('about:blank');
    await expect.poll(frameText).toBe('');
    expect(p.frames().map((f) => f.url()).slice(1)).toEqual(['about:blank']);
    expect((await ctx.cookies()).map((k) => k.name).sort()).toEqual(['_ga', 'pledge_consent']);
    await ctx.close();
  });

  it('the README\'s guard line lets the page paint when Pledge never answers the render-blocking script', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${base}/guarded`, { waitUntil: 'commit' });
    await p.waitForFunction(() => (window as unknown as Record<string, number | undefined>)['first-contentful-paint'] !== undefined, null, { timeout: 10_000 });
    expect(await p.locator('script[src="/hang.js"]').getAttribute('blocking')).toBeNull();
    await ctx.close();
  });

  it('speaks Welsh on a Welsh page', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${base}/cy`);
    await expect(p.getByRole('dialog', { name: 'Cwcis ar y wefan hon' }).isVisible()).resolves.toBe(true);
    expect(await p.getByRole('button', { name: 'Gwrthod y cyfan' }).isVisible()).toBe(true);
    await shot(p, '8-welsh');
    await ctx.close();
  });

  it('axe-core finds no violations in the first layer and the choices', async () => {
    const axe = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const { ctx, p } = await open();
    const run = async () => {
      await p.addScriptTag({ content: axe });
      return p.evaluate(async () => {
        const r = await (window as any).axe.run(document.getElementById('pc'));
        return r.violations.map((v: { id: string; nodes: { html: string }[] }) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
      });
    };
    expect(await run()).toEqual([]);
    await p.getByRole('button', { name: 'Choose cookies' }).click();
    expect(await run()).toEqual([]);
    await ctx.close();
  });
});
