import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { chromiumAvailable, launchChromium } from '../test-support/chromium.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { waitFor } from '../test-support/wait-for.js';

const HAS_CHROMIUM = chromiumAvailable('the served cookie banner browser test');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Screenshots of each state (gitignored; see docs/ARCHITECTURE.md). */
const ARTIFACTS = join(ROOT, 'test-artifacts/banner-served');
const YAML = readFileSync(join(ROOT, 'examples/jet-technology/corrected/declaration.yaml'), 'utf8');

const publisher: Principal = { kind: 'api_key', keyId: 'k-publish', name: 'ci', scopes: ['declaration:publish', 'declaration:read', 'consent:read'] };
const authenticate = async (req: FastifyRequest): Promise<Principal> => (req.headers.authorization === 'Bearer pk_publish' ? publisher : ANONYMOUS);

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

interface Receipt { deviceId: string; choices: Record<string, string>; method: string; declarationVersion: string; page: string; idempotencyKey: string; givenAt?: string }
interface Consent { deviceId: string; granted: string[]; method: string; declarationVersion: string }

/**
 * A real Pledge (listening, the Jet Technology declaration published) and a separate small "shop" site on another
 * origin that embeds the documented one line, as a real site would; the banner loads cross-origin from Pledge.
 */
describe.runIf(HAS_CHROMIUM)('the banner served by a real Pledge, embedded by another site, in Chromium', () => {
  let svc: TestService;
  let pledge: string;
  let site: Server;
  let shop: string;
  let browser: Browser;

  const page = (opts: { lang?: string; query?: string; attrs?: string } = {}) => `<!doctype html><html lang="${opts.lang ?? 'en-GB'}"><head><meta charset="utf-8"><title>Test shop</title>
<script src="${pledge}/consent/banner.js${opts.query ?? ''}" async blocking="render"${opts.attrs ?? ''}></script>
<script type="text/plain" data-category="statistics">window.ran = (window.ran || []).concat('stats1')</script>
<script type="text/plain" data-category="marketing" src="/ext.js"></script>
<script type="text/plain" data-category="statistics">window.ran = (window.ran || []).concat('stats2')</script>
</head><body><main><h1>Test shop</h1><p>Welcome to the shop.</p>
<button type="button" data-pledge-consent-open>Cookie settings</button>
<iframe title="Advert" data-category="marketing" data-src="/frame.html"></iframe></main></body></html>`;

  const publish = async (yaml: string) => {
    const res = await svc.app!.inject({ method: 'POST', url: '/api/declarations', headers: { authorization: 'Bearer pk_publish' }, payload: { files: { 'declaration.yaml': yaml }, entry: 'declaration.yaml' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { version: number };
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    pledge = `http://127.0.0.1:${port}`;
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type }).end(body);
      if (url.pathname === '/ext.js') return send('text/javascript', "window.ran = (window.ran || []).concat('marketing-ext')");
      if (url.pathname === '/slow-ext.js') return void setTimeout(() => send('text/javascript', "window.ran = (window.ran || []).concat('marketing-slow')"), 300);
      // The banner runs while the page is still being parsed (a plain script early in the body), between blocked scripts.
      if (url.pathname === '/late')
        return send('text/html', `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Late</title>
<script type="text/plain" data-category="statistics">window.ran = (window.ran || []).concat('stats1')</script>
<script type="text/plain" data-category="marketing" src="/slow-ext.js"></script></head><body>
<script src="${pledge}/consent/banner.js"></script><main><h1>Late</h1>${'<p>Text.</p>'.repeat(200)}
<script type="text/plain" data-category="statistics">window.ran = (window.ran || []).concat('stats2')</script></main></body></html>`);
      if (url.pathname === '/frame.html') return send('text/html', '<!doctype html><title>Advert</title><p>Advert</p>');
      if (url.pathname === '/') return send('text/html', page());
      if (url.pathname === '/cy') return send('text/html', page({ lang: 'en-GB', query: '?lang=cy' }));
      if (url.pathname === '/cy-attr') return send('text/html', page({ lang: 'en-GB', attrs: ' data-lang="cy"' }));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    // "localhost" and "127.0.0.1" are different sites: the banner is loaded cross-site, as from a CDN or Pledge's own host.
    shop = `http://localhost:${(site.address() as AddressInfo).port}`;
    // The shop is one of the organisation's sites: the consent ledger accepts its receipts (CORS).
    svc = await startTestService('pglite', { host: '127.0.0.1', port, publicUrl: pledge, consentOrigins: shop }, { listen: true, authenticate });
    await publish(YAML);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (site ? site.close(r) : r(undefined)));
    await svc?.dispose();
  });

  const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });
  const ran = (p: Page) => p.evaluate(() => (window as unknown as { ran?: string[] }).ran ?? []);
  const consent = (p: Page) => p.evaluate(() => (window as unknown as { pledgeConsent: { get(): Consent | null } }).pledgeConsent.get());
  const allowed = (p: Page, c: string) => p.evaluate((c) => (window as unknown as { pledgeConsent: { allowed(c: string): boolean } }).pledgeConsent.allowed(c), c);
  const dialog = (p: Page) => p.getByRole('dialog', { name: 'Cookies on this website' });
  /** The receipt the page posts to Pledge (the request as sent; the consent ledger stores it). */
  const receiptSent = (p: Page): Promise<Request> => p.waitForRequest((r) => r.url() === `${pledge}/consent/receipts` && r.method() === 'POST');
  const receiptOf = (r: Request) => r.postDataJSON() as Receipt;
  /** What the consent ledger holds for a device (its API), once it holds at least `n` receipts. */
  const ledger = (deviceId: string, n = 1) =>
    waitFor(`${n} receipt(s) for ${deviceId} in the ledger`, async () => {
      const res = await svc.app!.inject({ method: 'GET', url: `/api/consent/history?deviceId=${deviceId}`, headers: { authorization: 'Bearer pk_publish' } });
      expect(res.statusCode, res.body).toBe(200);
      const { receipts } = res.json() as { receipts: { choices: Record<string, string>; method: string; declarationVersion: string; publishedVersion: number; page: string; ipTruncated: string | null; idempotencyKey: string; givenAt: string; recordedAt: string }[] };
      return receipts.length >= n ? receipts : undefined;
    }, 10_000);
  const ledgerState = async (deviceId: string) =>
    (await svc.app!.inject({ method: 'GET', url: `/api/consent/state?deviceId=${deviceId}`, headers: { authorization: 'Bearer pk_publish' } })).json() as { allowed: Record<string, boolean> };
  const open = async (opts: { init?: () => void; path?: string; ctx?: BrowserContext } = {}): Promise<{ ctx: BrowserContext; p: Page }> => {
    const ctx = opts.ctx ?? (await browser.newContext({ viewport: { width: 1100, height: 800 } }));
    if (opts.init) await ctx.addInitScript(opts.init);
    const p = await ctx.newPage();
    await p.goto(`${shop}${opts.path ?? '/'}`);
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

  it('the one-line embed loads the banner cross-origin from Pledge: it appears, links to Pledge\'s notice, runs nothing', async () => {
    const { ctx, p } = await open();
    await dialog(p).waitFor({ state: 'visible' });
    expect(await p.getByRole('link', { name: 'Privacy and cookie notice' }).getAttribute('href')).toBe(`${pledge}/privacy`);
    // The categories come from the published declaration's cookie table.
    await p.getByRole('button', { name: 'Choose cookies' }).click();
    expect(await p.getByRole('switch').evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).id, (e as HTMLInputElement).checked]))).toEqual([
      ['pc-strictly_necessary', true],
      ['pc-statistics', false],
      ['pc-marketing', false],
    ]);
    await expect(p.getByText('_gcl_au (Google)').isVisible()).resolves.toBe(true);
    expect(await ran(p)).toEqual([]);
    expect(await p.locator('iframe').getAttribute('src')).toBeNull();
    await shot(p, '2-choices');
    await ctx.close();
  });

  it('first layer (screenshot) and Reject all: blocked scripts and iframes stay blocked, a refusal receipt is sent to Pledge', async () => {
    const { ctx, p } = await open();
    await dialog(p).waitFor({ state: 'visible' });
    await shot(p, '1-first-layer');
    const sent = receiptSent(p);
    await p.getByRole('button', { name: 'Reject all' }).click();
    const req = await sent;
    expect(req.headers()['content-type']).toBe('application/json');
    const r = receiptOf(req);
    const c = (await consent(p))!;
    expect(c).toMatchObject({ granted: [], method: 'banner', declarationVersion: '1' });
    expect(r).toMatchObject({ deviceId: c.deviceId, choices: { statistics: 'refused', marketing: 'refused' }, method: 'banner', declarationVersion: '1', page: '/' });
    expect(r.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect((await req.response())!.status()).toBe(202);
    // Stored in the consent ledger, as proof: one receipt, the version shown, the page, a truncated address.
    const [stored] = await ledger(c.deviceId);
    expect(stored).toMatchObject({ choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused' }, method: 'banner', declarationVersion: '1', publishedVersion: 1, page: '/', idempotencyKey: r.idempotencyKey });
    expect(stored!.ipTruncated).toMatch(/^127\.0\.0\.0/);
    expect((await ledgerState(c.deviceId)).allowed).toMatchObject({ 'cookie:statistics': false, 'cookie:marketing': false });
    await p.reload();
    expect(await p.locator('#pc').count()).toBe(0);
    await p.waitForFunction(() => (window as unknown as { pledgeConsent?: object }).pledgeConsent !== undefined);
    expect(await ran(p)).toEqual([]);
    expect(await p.locator('iframe').getAttribute('src')).toBeNull();
    // The choice is the shop's own first-party cookie; Pledge's origin sets nothing.
    expect((await ctx.cookies()).map((k) => `${k.domain}:${k.name}`)).toEqual(['localhost:pledge_consent']);
    await shot(p, '3-rejected');
    await ctx.close();
  });

  it('Accept all runs the blocked scripts in document order, loads the iframe and sends a grant receipt', async () => {
    const { ctx, p } = await open();
    await dialog(p).waitFor({ state: 'visible' });
    const sent = receiptSent(p);
    await p.getByRole('button', { name: 'Accept all' }).click();
    await p.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 3);
    expect(await ran(p)).toEqual(['stats1', 'marketing-ext', 'stats2']);
    expect(await p.locator('iframe').getAttribute('src')).toBe('/frame.html');
    expect(receiptOf(await sent)).toMatchObject({ choices: { statistics: 'granted', marketing: 'granted' }, method: 'banner' });
    const c = (await consent(p))!;
    expect((await ledger(c.deviceId))[0]!.choices).toMatchObject({ 'cookie:statistics': 'granted', 'cookie:marketing': 'granted' });
    expect((await ledgerState(c.deviceId)).allowed).toMatchObject({ 'cookie:statistics': true, 'cookie:marketing': true });
    await shot(p, '4-accepted');
    await ctx.close();
  });

  it('runs blocked scripts in document order when the banner starts before the page is parsed (a slow external one in between)', async () => {
    const { ctx, p } = await open();
    await p.getByRole('button', { name: 'Accept all' }).click();
    await p.goto(`${shop}/late`);
    await p.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 3);
    expect(await ran(p)).toEqual(['stats1', 'marketing-slow', 'stats2']);
    await ctx.close();
  });

  it('per-category choices hold across reloads, and can be changed from the page\'s own button', async () => {
    const { ctx, p } = await open();
    await p.getByRole('button', { name: 'Choose cookies' }).click();
    await p.getByRole('switch', { name: 'Statistics' }).check();
    const sent = receiptSent(p);
    await p.getByRole('button', { name: 'Save my choices' }).click();
    expect(receiptOf(await sent).choices).toEqual({ statistics: 'granted', marketing: 'refused' });
    expect(await ran(p)).toEqual(['stats1', 'stats2']);
    for (let i = 0; i < 2; i++) {
      await p.reload();
      await p.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 2);
      expect(await p.locator('#pc').count()).toBe(0);
      expect(await ran(p)).toEqual(['stats1', 'stats2']);
      expect([await allowed(p, 'statistics'), await allowed(p, 'marketing')]).toEqual([true, false]);
    }
    await p.getByRole('button', { name: 'Cookie settings' }).click();
    expect(await p.getByRole('switch', { name: 'Statistics' }).isChecked()).toBe(true);
    expect(await p.getByRole('switch', { name: 'Marketing' }).isChecked()).toBe(false);
    await shot(p, '5-reopened');
    await p.getByRole('switch', { name: 'Statistics' }).uncheck();
    const withdrawn = receiptSent(p);
    await p.getByRole('button', { name: 'Save my choices' }).click();
    expect(receiptOf(await withdrawn).choices).toEqual({ statistics: 'refused', marketing: 'refused' });
    // Withdrawal is a new receipt; the ledger's current state follows the latest.
    const c = (await consent(p))!;
    expect((await ledger(c.deviceId, 2)).map((x) => x.choices['cookie:statistics'])).toEqual(expect.arrayContaining(['granted', 'refused']));
    expect((await ledgerState(c.deviceId)).allowed).toMatchObject({ 'cookie:statistics': false, 'cookie:marketing': false });
    await p.reload();
    await p.waitForFunction(() => (window as unknown as { pledgeConsent?: object }).pledgeConsent !== undefined);
    expect(await ran(p)).toEqual([]);
    await ctx.close();
  });

  it('Global Privacy Control in the page refuses without asking, never shows the categories as granted, and sends method "gpc"', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    await ctx.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true }));
    const p = await ctx.newPage();
    const sent = receiptSent(p);
    await p.goto(`${shop}/`);
    const r = receiptOf(await sent);
    expect(r).toMatchObject({ method: 'gpc', choices: { statistics: 'refused', marketing: 'refused' }, declarationVersion: '1' });
    expect(await p.locator('#pc').count()).toBe(0);
    expect(await consent(p)).toMatchObject({ granted: [], method: 'gpc' });
    const [stored] = await ledger(r.deviceId);
    expect(stored).toMatchObject({ method: 'gpc', choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused' } });
    expect(await ran(p)).toEqual([]);
    await p.getByRole('button', { name: 'Cookie settings' }).click();
    expect(await p.getByRole('switch', { name: 'Statistics' }).isChecked()).toBe(false);
    expect(await p.getByRole('switch', { name: 'Marketing' }).isChecked()).toBe(false);
    await shot(p, '6-gpc-reopened');
    await ctx.close();
  });

  it('Pledge\'s own notice page honours the Sec-GPC header a GPC browser sends', async () => {
    const ctx = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' }, viewport: { width: 1100, height: 800 } });
    const p = await ctx.newPage();
    const res = await p.goto(`${pledge}/privacy`);
    expect(res!.headers().vary).toBe('Sec-GPC');
    await expect(p.getByRole('status').first().textContent()).resolves.toContain('We treat it as your refusal of statistics and marketing cookies');
    await shot(p, '9-privacy-with-gpc');
    await ctx.close();
  });

  it('a keyboard-only visitor can accept, reject, choose per category, reopen and withdraw', async () => {
    let { ctx, p } = await open();
    await dialog(p).waitFor({ state: 'visible' });
    await tabTo(p, /^Accept all$/);
    await p.keyboard.press('Enter');
    expect((await consent(p))?.granted).toEqual(['statistics', 'marketing']);
    await ctx.close();

    ({ ctx, p } = await open());
    await dialog(p).waitFor({ state: 'visible' });
    await tabTo(p, /^Reject all$/);
    await p.keyboard.press('Space');
    expect(await consent(p)).toMatchObject({ granted: [], method: 'banner' });
    await ctx.close();

    ({ ctx, p } = await open());
    await dialog(p).waitFor({ state: 'visible' });
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
    await p.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 1);
    expect(await ran(p)).toEqual(['marketing-ext']);
    await tabTo(p, /^Cookie settings$/);
    await p.keyboard.press('Enter');
    await dialog(p).waitFor({ state: 'visible' });
    await tabTo(p, /^Reject all$/);
    await p.keyboard.press('Enter');
    expect((await consent(p))?.granted).toEqual([]);
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Cookie settings');
    await ctx.close();
  });

  it('axe-core finds no violations in the first layer, the choices, and the Welsh banner (?lang=cy, or data-lang="cy")', async () => {
    const axe = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const run = async (p: Page) => {
      await p.addScriptTag({ content: axe });
      return p.evaluate(async () => {
        const r = await (window as any).axe.run(document.getElementById('pc'));
        return r.violations.map((v: { id: string; nodes: { html: string }[] }) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
      });
    };
    let { ctx, p } = await open();
    await dialog(p).waitFor({ state: 'visible' });
    expect(await run(p)).toEqual([]);
    await p.getByRole('button', { name: 'Choose cookies' }).click();
    expect(await run(p)).toEqual([]);
    await ctx.close();
    ({ ctx, p } = await open({ path: '/cy' }));
    await p.getByRole('dialog', { name: 'Cwcis ar y wefan hon' }).waitFor({ state: 'visible' });
    expect(await p.getByRole('button', { name: 'Gwrthod y cyfan' }).isVisible()).toBe(true);
    expect(await run(p)).toEqual([]);
    await shot(p, '8-welsh');
    await ctx.close();
    // The same from the tag's data-lang, with the English script.
    ({ ctx, p } = await open({ path: '/cy-attr' }));
    await p.getByRole('dialog', { name: 'Cwcis ar y wefan hon' }).waitFor({ state: 'visible' });
    await ctx.close();
  });

  // Last: it publishes new versions.
  it('withdrawing is as easy as giving (UK GDPR Art 7(3)): one click gave, the page\'s own link reopens, one equally prominent click withdraws, and the ledger follows', async () => {
    const { ctx, p } = await open();
    await dialog(p).waitFor({ state: 'visible' });
    const given = receiptSent(p);
    await p.getByRole('button', { name: 'Accept all' }).click(); // giving: one action
    expect(receiptOf(await given).choices).toEqual({ statistics: 'granted', marketing: 'granted' });
    const { deviceId } = (await consent(p))!;
    await ledger(deviceId, 1);
    expect((await ledgerState(deviceId)).allowed).toMatchObject({ 'cookie:statistics': true, 'cookie:marketing': true });

    await p.getByRole('button', { name: 'Cookie settings' }).click(); // the way back, on every page
    await dialog(p).waitFor({ state: 'visible' });
    // Reject all sits beside Accept all in the reopened layer: the same size, style and weight (ICO; UK-RULES section 8).
    const look = (name: string) =>
      p.getByRole('button', { name, exact: true }).evaluate((b) => {
        const s = getComputedStyle(b);
        const r = b.getBoundingClientRect();
        return { w: Math.round(r.width), h: Math.round(r.height), font: `${s.fontSize} ${s.fontWeight}`, colour: s.color, background: s.backgroundColor, border: s.border };
      });
    const [accept, reject] = [await look('Accept all'), await look('Reject all')];
    expect(reject).toEqual(accept);
    const withdrawn = receiptSent(p);
    await p.getByRole('button', { name: 'Reject all' }).click(); // withdrawing: one action
    expect(receiptOf(await withdrawn).choices).toEqual({ statistics: 'refused', marketing: 'refused' });
    await ledger(deviceId, 2);
    expect((await ledgerState(deviceId)).allowed).toMatchObject({ 'cookie:statistics': false, 'cookie:marketing': false });
    await p.reload();
    await p.waitForFunction(() => (window as unknown as { pledgeConsent?: object }).pledgeConsent !== undefined);
    expect(await ran(p)).toEqual([]);
    await ctx.close();
  });

  it('a receipt Pledge did not take (a 503, or its answer lost) is resent on the next page with the same key: the ledger stores exactly one', async () => {
    const url = `${pledge}/consent/receipts`;
    for (const failure of ['503', 'answer lost'] as const) {
      const { ctx, p } = await open();
      await dialog(p).waitFor({ state: 'visible' });
      await ctx.route(url, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        if (failure === '503') return route.fulfill({ status: 503, headers: { 'access-control-allow-origin': shop }, contentType: 'application/json', body: '{"message":"unavailable"}' });
        // Pledge receives and stores it; the page never hears back.
        await route.fetch();
        return route.abort('connectionreset');
      });
      const sent = receiptSent(p);
      await p.getByRole('button', { name: 'Reject all' }).click();
      const req = await sent;
      const first = receiptOf(req);
      // Settled (a 503, or failed) before the page is reloaded, so the response awaited below is the resend's.
      expect((await req.response())?.status() ?? 'failed').toBe(failure === '503' ? 503 : 'failed');
      if (failure === 'answer lost') expect(await ledger(first.deviceId)).toHaveLength(1);
      await ctx.unroute(url);
      const resent = p.waitForResponse((r) => r.url() === url && r.request().method() === 'POST');
      await p.reload();
      const res = await resent;
      expect(res.status()).toBe(202);
      // The same receipt, now with the time of the choice (a first send is dated on arrival).
      expect(first.givenAt).toBeUndefined();
      expect(res.request().postDataJSON()).toEqual({ ...first, givenAt: expect.any(String) });
      const stored = await ledger(first.deviceId);
      expect(stored.map((x) => x.idempotencyKey)).toEqual([first.idempotencyKey]);
      // The 503 case: stored only by the resend, dated when the visitor chose (before the reload).
      if (failure === '503') expect(Date.parse(stored[0]!.givenAt)).toBeLessThan(Date.parse(stored[0]!.recordedAt));
      expect(stored[0]).toMatchObject({ choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused' }, method: 'banner' });
      await ctx.close();
    }
  });

  it('a stored choice is asked again when a newly published cookie table changes materially, and only then', async () => {
    // The visitor returns later: a fresh browser cache (the script is cached five minutes), the same cookie jar.
    const visitAgain = async (): Promise<Page> => {
      const again = await browser.newContext({ storageState: jar, viewport: { width: 1100, height: 800 } });
      contexts.push(again);
      const q = await again.newPage();
      await q.goto(`${shop}/`);
      await q.waitForFunction(() => (window as unknown as { pledgeConsent?: { get(): unknown } }).pledgeConsent !== undefined);
      return q;
    };
    const contexts: BrowserContext[] = [];
    const jar = await (async () => {
      const c = await browser.newContext();
      const q = await c.newPage();
      await q.goto(`${shop}/`);
      const sent = receiptSent(q);
      await q.getByRole('button', { name: 'Accept all' }).click();
      expect((await (await sent).response())!.status()).toBe(202);
      const s = await c.storageState();
      await c.close();
      return s;
    })();

    // A change that is not material (a duration): the choice stands, nothing is asked.
    expect((await publish(YAML.replace('duration: 3 months', 'duration: 90 days'))).version).toBe(2);
    let q = await visitAgain();
    await q.waitForFunction(() => ((window as unknown as { ran?: string[] }).ran ?? []).length === 3);
    expect(await q.locator('#pc').count()).toBe(0);

    // A new advertising cookie: material. The banner asks again and nothing that needs consent runs meanwhile.
    await publish(
      YAML.replace(
        '    - id: googletagmanager',
        '    - id: meta_pixel\n      name: _fbp\n      provider: Meta\n      recipient: google\n      category: marketing\n      purpose: Measuring adverts on Facebook.\n      duration: 3 months\n      party: third\n    - id: googletagmanager',
      ),
    );
    q = await visitAgain();
    await dialog(q).waitFor({ state: 'visible' });
    expect(await ran(q)).toEqual([]);
    expect(await consent(q)).toBeNull();
    await q.getByRole('button', { name: 'Choose cookies' }).click();
    await expect(q.getByText('_fbp (Meta)').isVisible()).resolves.toBe(true);
    await shot(q, '10-asked-again-after-material-change');
    const sent = receiptSent(q);
    await q.getByRole('button', { name: 'Accept all' }).click();
    const again = receiptOf(await sent);
    expect(again).toMatchObject({ declarationVersion: '3', choices: { statistics: 'granted', marketing: 'granted' } });
    // The ledger holds both choices of this device: the one made under version 1 and the new one under version 3.
    expect((await ledger(again.deviceId, 2)).map((x) => x.declarationVersion).sort()).toEqual(['1', '3']);
    for (const c of contexts) await c.close();
  });

  // The next tests publish declaration variants too, after the one above.
  /** A browser sending Do Not Track (navigator.doNotTrack "1"), as an init script. */
  const doNotTrack = () => void Object.defineProperty(navigator, 'doNotTrack', { get: () => '1' });
  const DNT_YAML = YAML.replace('honour_global_privacy_control: true', 'honour_global_privacy_control: true\n  honour_do_not_track: true');

  it('Do Not Track, when the published declaration promises to honour it: no banner, every category needing consent refused, method "dnt" in the ledger', async () => {
    // Not promised (the versions so far): a browser sending DNT is asked like any other.
    const asked = await open({ init: doNotTrack });
    await dialog(asked.p).waitFor({ state: 'visible' });
    await asked.ctx.close();

    await publish(DNT_YAML);
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    await ctx.addInitScript(doNotTrack);
    const p = await ctx.newPage();
    const sent = receiptSent(p);
    await p.goto(`${shop}/`);
    const req = await sent;
    const r = receiptOf(req);
    expect(r).toMatchObject({ method: 'dnt', choices: { statistics: 'refused', marketing: 'refused' } });
    expect((await req.response())!.status()).toBe(202);
    expect(await p.locator('#pc').count()).toBe(0);
    expect(await consent(p)).toMatchObject({ granted: [], method: 'dnt' });
    expect([await allowed(p, 'statistics'), await allowed(p, 'marketing')]).toEqual([false, false]);
    expect(await ran(p)).toEqual([]);
    const [stored] = await ledger(r.deviceId);
    expect(stored).toMatchObject({ method: 'dnt', choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused' } });
    expect((await ledgerState(r.deviceId)).allowed).toMatchObject({ 'cookie:statistics': false, 'cookie:marketing': false });
    // The person can still choose for themselves from the page's own button.
    await p.getByRole('button', { name: 'Cookie settings' }).click();
    expect(await p.getByRole('switch', { name: 'Statistics' }).isChecked()).toBe(false);
    await shot(p, '11-dnt-reopened');
    await ctx.close();
  });

  it('shows the organisation\'s own wording from the declaration (cookies.banner.strings), English and Welsh, as text only', async () => {
    const title = 'Cookies at the <Test> shop </script><img src=x onerror="window.pwned=1">';
    await publish(
      DNT_YAML.replace(
        '  honour_do_not_track: true\n',
        `  honour_do_not_track: true\n  banner:\n    strings:\n      en:\n        title: '${title}'\n        reject: No thanks\n      cy:\n        title: Cwcis yn y siop\n`,
      ),
    );
    let { ctx, p } = await open();
    await p.getByRole('dialog', { name: title }).waitFor({ state: 'visible' });
    expect(await p.locator('#pc-t').textContent()).toBe(title);
    expect(await p.locator('#pc img').count()).toBe(0);
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // Keys not set keep the banner's own wording; the one set replaces it.
    expect(await p.getByRole('button', { name: 'Accept all' }).isVisible()).toBe(true);
    const sent = receiptSent(p);
    await p.getByRole('button', { name: 'No thanks' }).click();
    expect(receiptOf(await sent).choices).toEqual({ statistics: 'refused', marketing: 'refused' });
    await ctx.close();
    ({ ctx, p } = await open({ path: '/cy' }));
    await p.getByRole('dialog', { name: 'Cwcis yn y siop' }).waitFor({ state: 'visible' });
    expect(await p.getByRole('button', { name: 'Gwrthod y cyfan' }).isVisible()).toBe(true);
    await shot(p, '12-own-wording-welsh');
    await ctx.close();
  });

  it('a declaration with only strictly necessary cookies (Jupiter EdTech): no banner and no console error, the page API answers, the settings button is harmless', async () => {
    await publish(readFileSync(join(ROOT, 'examples/jupiter-edtech/corrected/declaration.yaml'), 'utf8'));
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const p = await ctx.newPage();
    const problems: string[] = [];
    p.on('console', (m) => void (m.type() === 'error' && !m.text().includes('favicon') && problems.push(m.text())));
    p.on('pageerror', (e) => void problems.push(e.message));
    const script = p.waitForResponse((r) => r.url() === `${pledge}/consent/banner.js`);
    await p.goto(`${shop}/`);
    expect((await script).status()).toBe(200);
    await p.waitForFunction(() => (window as unknown as { pledgeConsent?: object }).pledgeConsent !== undefined);
    expect(await consent(p)).toBeNull();
    expect([await allowed(p, 'strictly_necessary'), await allowed(p, 'statistics')]).toEqual([true, false]);
    await p.getByRole('button', { name: 'Cookie settings' }).click();
    expect(await p.locator('#pc').count()).toBe(0);
    expect(await ran(p)).toEqual([]);
    expect(await ctx.cookies()).toEqual([]);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
