import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { headerAuthenticate, JUPITER_YAML, submitRequest } from '../rights/rights-test-helpers.js';
import { csrfOf, FormBrowser } from '../staff-pages/form-browser.js';
import { axeViolations } from '../test-support/axe.js';
import { chromiumAvailable, launchChromium } from '../test-support/chromium.js';
import { TestSmtp } from '../test-support/test-smtp.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { waitFor } from '../test-support/wait-for.js';

const EMAIL = 'grace.hopper@example.test';
const HAS_CHROMIUM = chromiumAvailable('the reply download page browser check');
const agent = { 'x-test-role': 'agent', 'x-test-user': 'u-agent' };

/**
 * One access request from end to end, every part real: the public form sent by a browser without JavaScript, the
 * identity code delivered by a real SMTP server, staff ticking the tasks and attaching data, the package built, the
 * request completed, the reply email received over SMTP, the link opened and the package downloaded over HTTP and
 * unzipped; then the download page opened in Chromium as a person on a phone without JavaScript would (axe-core, the
 * expiry explained, the download through its form).
 */
describe('an access request from the public form to the downloaded package, through a real SMTP server', () => {
  let svc: TestService;
  const smtp = new TestSmtp();
  let base = '';

  beforeAll(async () => {
    await smtp.start();
    svc = await startTestService('pglite', { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'Jupiter Privacy <privacy@jupiter.test>', host: '127.0.0.1' }, { authenticate: headerAuthenticate, listen: true });
    const address = svc.app!.server.address() as AddressInfo;
    base = `http://127.0.0.1:${address.port}`;
    await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
  }, 60_000);
  afterAll(async () => {
    await svc?.dispose();
    await smtp.stop();
  });

  it('delivers the package by an expiring link that works, counts and is audited', { timeout: 90_000 }, async () => {
    // 1. The person: the public form, without JavaScript, then the code from the email.
    const browser = new FormBrowser(svc.app!, '198.51.100.7');
    const sent = await submitRequest(browser, 'access', { email: EMAIL, details: 'Everything you hold about me, please <b>all</b> of it.' });
    expect(sent.statusCode, sent.body).toBe(303);
    const verify = sent.headers.location as string;
    const codeMail = await waitFor('the code email over SMTP', async () => smtp.find(EMAIL, 'code').at(-1));
    const code = /code on the page: (\d{6})/.exec(codeMail)![1]!;
    const page = await browser.get(verify);
    const confirmed = await browser.post(verify, { _csrf: csrfOf(page.body), code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    // 2. Staff: find the request in the queue, tick each system, attach the data found.
    const queue = await svc.app!.inject({ method: 'GET', url: '/api/rights/requests', headers: agent });
    const item = queue.json().items.find((i: { type: string }) => i.type === 'access');
    expect(item, queue.body).toBeDefined();
    const id = item.id as string;
    const view = (await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${id}`, headers: agent })).json();
    for (const t of view.tasks) {
      const r = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${id}/tasks/${t.id}`, headers: agent, payload: { status: 'done', evidence: `Searched ${t.system} by email address` } });
      expect(r.statusCode, r.body).toBe(200);
    }
    const account = await svc.app!.inject({
      method: 'POST',
      url: `/api/rights/requests/${id}/reply-files?name=account.json&system=accounts&systemName=Customer%20accounts&provided=true`,
      headers: { ...agent, 'content-type': 'application/octet-stream' },
      payload: JSON.stringify({ accounts: [{ email: EMAIL, name: 'Grace Hopper', tier: 'team' }], logins: [{ at: '2026-01-05T09:00:00Z', ip: '198.51.100.7' }] }),
    });
    expect(account.statusCode, account.body).toBe(201);
    const tickets = await svc.app!.inject({
      method: 'POST',
      url: `/api/rights/requests/${id}/reply-files?name=tickets.csv&system=support&systemName=Support%20tickets`,
      headers: { ...agent, 'content-type': 'text/csv' },
      payload: 'id,subject,opened\r\n17,"Cannot export, please help",2026-02-01\r\n',
    });
    expect(tickets.statusCode, tickets.body).toBe(201);

    // 3. Build the package and complete the request with it.
    const pkg = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${id}/reply-package`, headers: agent, payload: { subjects: ['customers'], search: 'Searched the account database and the help desk by email address.' } });
    expect(pkg.statusCode, pkg.body).toBe(201);
    const packageId = pkg.json().file.id as string;
    const done = await svc.app!.inject({ method: 'POST', url: `/api/rights/requests/${id}/complete`, headers: agent, payload: { reply: 'Here is everything we hold about you. The download link is in a separate email.', attachmentIds: [packageId] } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('completed');

    // 4. The reply email, as the SMTP server received it: plain and HTML parts, the link, its expiry.
    const mail = await waitFor('the reply email over SMTP', async () => smtp.find(EMAIL, 'ready to download').at(-1));
    expect(mail).toMatch(/Subject: Your personal data is ready to download \(R-\d+\)/);
    expect(mail).toMatch(/Content-Type: text\/plain/);
    expect(mail).toMatch(/Content-Type: text\/html/);
    expect(mail).toContain('can be used 5 times');
    const links = [...mail.matchAll(/https?:\/\/[^\s"<]+\/reply\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links).size).toBe(1); // the same link in both parts
    const token = links[0]!;
    expect((await waitFor('the completion email', async () => smtp.find(EMAIL, 'Our reply to your request').at(-1)))).toContain('Here is everything we hold about you');

    // 5. The person opens the link and downloads over HTTP, and the package holds what staff attached.
    const landing = await fetch(`${base}/reply/${token}`);
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain('Download your reply');
    expect(html).toMatch(/works until <strong><time datetime="[^"]+">/);
    const download = await fetch(`${base}/reply/${token}/download`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      ['data/accounts/account-accounts.csv', 'data/accounts/account-accounts.json', 'data/accounts/account-logins.csv', 'data/accounts/account-logins.json', 'data/support/tickets.csv', 'data/support/tickets.json', 'manifest.json', 'report.html', 'report.txt'].sort(),
    );
    expect(JSON.parse(strFromU8(files['data/accounts/account-accounts.json']!))).toEqual([{ email: EMAIL, name: 'Grace Hopper', tier: 'team' }]);
    expect(JSON.parse(strFromU8(files['data/support/tickets.json']!))).toEqual([{ id: '17', subject: 'Cannot export, please help', opened: '2026-02-01' }]);
    const report = strFromU8(files['report.html']!);
    for (const s of ['JUPITER EDTECH LIMITED', 'Customer accounts', 'Support tickets', 'Art 15(1)(c)', 'Stripe', 'ico.org.uk']) expect(report).toContain(s);

    // 6. The download is on the request's timeline and in the audit trail; the link counts down.
    const after = (await svc.app!.inject({ method: 'GET', url: `/api/rights/requests/${id}`, headers: agent })).json();
    const summaries = after.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining([expect.stringMatching(/^Access package built/), 'Reply emailed with 1 download link', 'Reply downloaded by the person (1 of 5)']));
    const again = await (await fetch(`${base}/reply/${token}`)).text();
    expect(again).toContain('4 more times');

    // 7. The same page in Chromium, JavaScript off, on a phone: accessible, says until when and how often the link
    // works, and the button downloads the ZIP (a form POST, so mail scanners opening the link use nothing up).
    if (!HAS_CHROMIUM) return;
    const chromium = await launchChromium();
    try {
      const context = await chromium.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, acceptDownloads: true });
      const page = await context.newPage();
      const csp: string[] = [];
      page.on('console', (m) => void (/Content Security Policy|Refused to/.test(m.text()) && csp.push(m.text())));
      const opened = await page.goto(`${base}/reply/${token}`);
      expect(opened?.status()).toBe(200);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Download your reply');
      expect(await page.getByRole('heading', { name: 'How long this link works' }).count()).toBe(1);
      const expiry = (await page.locator('main').textContent()) ?? '';
      expect(expiry).toMatch(/works until \d{1,2} \w+ \d{4}(,| at) \d{2}:\d{2} \(UK time\), and it can be used 4 more times/);
      expect(expiry).toContain('the files are deleted from our systems');
      expect(await page.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // Nothing wider than the phone's screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(chromium, page)).toEqual([]);
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download your reply' }).click()]);
      expect(file.suggestedFilename()).toMatch(/\.zip$/);
      const zip = unzipSync(new Uint8Array(await streamBytes(await file.createReadStream())));
      expect(Object.keys(zip)).toContain('report.html');
      await page.goto(`${base}/reply/${token}`);
      expect(await page.locator('main').textContent()).toContain('3 more times');
      expect(csp).toEqual([]);
      await context.close();
    } finally {
      await chromium.close();
    }
  });
});

/** All the bytes of a stream. */
async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}
