import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { isSuppressed } from '../suppression/is-suppressed.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { consentTestDeclaration } from './test-fixtures/consent-declaration.js';
import type { ReceiptMethod } from './consent-tables.js';
import { LINKS_PER_HOUR, requestPreferenceLink } from './preference-centre.js';
import { linkDevice } from './link-device.js';
import { consentState } from './read-consent.js';
import { recordReceipts } from './record-receipts.js';

/** The cookies a response sets, as one Cookie header value. */
const cookiesOf = (headers: Record<string, unknown>, jar: Map<string, string>) => {
  const set = headers['set-cookie'];
  for (const c of (Array.isArray(set) ? set : set ? [set] : []) as string[]) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
};
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('preference centre', () => {
  let svc: TestService;
  let now = new Date('2026-03-02T10:00:00Z');
  beforeAll(async () => {
    svc = await startTestService('pglite', {}, { clock: { now: () => now } });
    await publishDeclaration(svc.deps, { files: { 'd.yaml': consentTestDeclaration() }, entry: 'd.yaml', actor: { type: 'system' } });
  });
  afterAll(async () => {
    await svc?.dispose();
  });
  const get = (url: string, cookie = '', extra: Record<string, string> = {}) => svc.app!.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...extra } });
  const post = (url: string, body: Record<string, string>, cookie = '') => svc.app!.inject({ method: 'POST', url, headers: { ...FORM, ...(cookie ? { cookie } : {}) }, payload: form(body) });

  /** Posts the choices form; a save answers 303 to the page (post/redirect/get), which is then fetched as a browser would. */
  async function save(body: Record<string, string>, cookie: string) {
    const res = await post('/consent/preferences', body, cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consent/preferences?saved=1');
    return get(res.headers.location as string, cookie);
  }

  let asker = 0;
  async function linkFor(email: string): Promise<string> {
    const jar = new Map<string, string>();
    const page = await get('/consent/preferences');
    const cookie = cookiesOf(page.headers, jar);
    // Each from its own network: the form's rate limit (per client address) is tested on its own below.
    const res = await svc.app!.inject({ method: 'POST', url: '/consent/preferences/link', remoteAddress: `198.51.100.${++asker}`, headers: { ...FORM, cookie }, payload: form({ csrf: csrfOf(page.body), email }) });
    expect(res.statusCode).toBe(200);
    const rows = await svc.deps.store.db.selectFrom('mail_messages').select(['to_address', 'text_body']).orderBy('created_at', 'desc').execute();
    const mine = rows.find((r) => svc.deps.cipher.decrypt(r.to_address, 'mail_messages.to_address') === email)!;
    const text = svc.deps.cipher.decrypt(mine.text_body!, 'mail_messages.text_body');
    return /(\/consent\/preferences\?token=[A-Za-z0-9_-]+)/.exec(text)![1]!;
  }

  it('answers a link request the same way for known and unknown addresses, and sends the link by email', async () => {
    const jar = new Map<string, string>();
    const page = await get('/consent/preferences');
    expect(page.body).toContain('<label for="email">Email address</label>');
    expect(page.body).not.toMatch(/<script/i);
    const cookie = cookiesOf(page.headers, jar);
    const a = await post('/consent/preferences/link', { csrf: csrfOf(page.body), email: 'nobody-known@example.com' }, cookie);
    const link = await linkFor('pat@example.com');
    expect(link).toMatch(/token=[A-Za-z0-9_-]{43}$/);
    const b = await post('/consent/preferences/link', { csrf: csrfOf(page.body), email: 'pat@example.com' }, cookie);
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.body).toBe(b.body);
    expect((await post('/consent/preferences/link', { email: 'x@example.com' }, cookie)).statusCode).toBe(400);
    const stored = await svc.deps.store.db.selectFrom('consent_link_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(link.split('=')[1]!);
    expect(JSON.stringify(stored)).not.toContain('pat@example.com');
  });

  it('sends at most a few links to one address an hour, however many networks ask (no mail bombing)', async () => {
    const mailsTo = async (email: string) =>
      (await svc.deps.store.db.selectFrom('mail_messages').select('to_address').execute()).filter((r) => svc.deps.cipher.decrypt(r.to_address, 'mail_messages.to_address') === email).length;
    // As if from many networks (the per-address-of-the-asker rate limit does not help): the link function itself.
    for (let i = 0; i < 8; i++) await requestPreferenceLink(svc.deps, 'Victim@example.com');
    expect(await mailsTo('victim@example.com')).toBe(LINKS_PER_HOUR);
    // Through the form, the same answer as ever: nothing tells the asker the limit was reached.
    const page = await get('/consent/preferences');
    const res = await post('/consent/preferences/link', { csrf: csrfOf(page.body), email: 'victim@example.com' }, cookiesOf(page.headers, new Map()));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('a link to your choices is on its way');
    expect(await mailsTo('victim@example.com')).toBe(LINKS_PER_HOUR);
  });

  it('shows one switch per purpose, saves receipts, and withdraws everything in one action', async () => {
    const link = await linkFor('pat@example.com');
    const jar = new Map<string, string>();
    const open = await get(link);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe('/consent/preferences');
    const cookie = cookiesOf(open.headers, jar);
    const page = await get('/consent/preferences', cookie);
    expect(page.statusCode).toBe(200);
    for (const name of ['Newsletter', 'Direct marketing', 'Managing your commercial and support enquiries']) expect(page.body).toContain(`<legend>${name}</legend>`);
    expect(page.body).toMatch(/name="choice\.newsletter" value="refused" checked/); // nothing pre-ticked for consent
    expect(page.body).toMatch(/name="choice\.direct_marketing" value="granted" checked/); // legitimate interests: on until objected to
    // The cookie purpose has no switch of its own: it follows the cookie categories, set in each browser's banner.
    expect(page.body).not.toContain('name="choice.cookies"');
    expect(page.body).toContain('<h3>Deployment of non-essential cookies</h3>');
    expect(page.body).toContain('with your choice of statistics and marketing cookies, in the cookie banner of each browser you use');

    const saved = await save({ csrf: csrfOf(page.body), 'choice.newsletter': 'granted', 'choice.direct_marketing': 'granted', 'choice.cookies': 'refused', action: 'save' }, cookie);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Your choices are saved.');
    expect(saved.body).toMatch(/name="choice\.newsletter" value="granted" checked/);
    const receipts = await svc.deps.store.db.selectFrom('consent_receipts').select(['method', 'choices', 'ip_truncated']).where('method', '=', 'preference_centre').execute();
    expect(receipts).toHaveLength(1);
    // A forged switch for the cookie purpose is not recorded: only its categories decide it.
    expect(JSON.parse(JSON.stringify(receipts[0]!.choices))).toEqual({ newsletter: 'granted', direct_marketing: 'granted' });

    const all = await save({ csrf: csrfOf(saved.body), action: 'refuse_all' }, cookie);
    expect(all.body).toMatch(/name="choice\.newsletter" value="refused" checked/);
    expect(await isSuppressed(svc.deps.store.db, { email: 'pat@example.com' }, 'newsletter')).toBe(true);
    // Saying no to legitimate-interests marketing is an objection: absolute, for all marketing.
    expect(all.body).toContain('You have objected to direct marketing');
    expect(await isSuppressed(svc.deps.store.db, { email: 'pat@example.com' }, 'anything')).toBe(true);
    // "No to all" is not an objection to the rest (Art 21(1) rests on the person's own situation).
    expect(all.body).toMatch(/name="choice\.enquiries" value="granted" checked/);
  });

  it('presents the right to object separately (Art 21(4)) and records an objection to legitimate-interests processing, saying what happens next', async () => {
    const link = await linkFor('olu@example.com');
    const cookie = cookiesOf((await get(link)).headers, new Map());
    const page = await get('/consent/preferences', cookie);
    const objectPart = page.body.slice(page.body.indexOf('<h2 id="pledge-object">Your right to object</h2>'));
    expect(page.body.indexOf('<h2 id="pledge-object">')).toBeGreaterThan(page.body.indexOf('<h2>What you agree to</h2>'));
    for (const id of ['enquiries', 'customer_relationship', 'supplier_relationship', 'direct_marketing']) expect(objectPart).toContain(`name="choice.${id}"`);
    expect(objectPart).not.toContain('name="choice.newsletter"');
    expect(objectPart).toMatch(/value="refused"[^>]*> I object<\/label>/);
    expect(objectPart).toContain('compelling legitimate grounds');
    const saved = await save({ csrf: csrfOf(page.body), 'choice.enquiries': 'refused', action: 'save' }, cookie);
    expect(saved.body).toMatch(/name="choice\.enquiries" value="refused" checked/);
    expect(saved.body).toContain('You objected on 2 March 2026.</strong> We have stopped this while we consider your objection.');
    const receipt = await svc.deps.store.db.selectFrom('consent_receipts').select(['choices', 'email_hash']).where('method', '=', 'preference_centre').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(JSON.stringify(receipt.choices))).toEqual({ enquiries: 'refused' });
    // Not direct marketing: no suppression; the processing is not allowed any more.
    expect(await isSuppressed(svc.deps.store.db, { email: 'olu@example.com' })).toBe(false);
    const s = await consentState(svc.deps, { email: 'olu@example.com' });
    expect(s.targets.find((t) => t.key === 'enquiries')).toMatchObject({ mode: 'object', state: 'refused', allowed: false });
    expect(s.allowed.direct_marketing).toBe(true);
  });

  it('refuses a forged form, an expired link, and works from the banner\'s cookie on the same host', async () => {
    const link = await linkFor('sam@example.com');
    const jar = new Map<string, string>();
    const cookie = cookiesOf((await get(link)).headers, jar);
    expect((await post('/consent/preferences', { csrf: 'forged', action: 'refuse_all' }, cookie)).statusCode).toBe(400);
    expect((await post('/consent/preferences', { action: 'refuse_all' })).statusCode).toBe(400);
    now = new Date(now.getTime() + 25 * 3600 * 1000);
    expect((await get(link)).statusCode).toBe(410);
    expect((await get('/consent/preferences', cookie)).body).toContain('Send me a link');

    const deviceId = 'ab'.repeat(16);
    const banner = `pledge_consent=${encodeURIComponent(JSON.stringify({ g: ['statistics'], v: '1', m: 'x', t: 1, d: deviceId, s: 'banner' }))}`;
    const page = await get('/consent/preferences', banner);
    expect(page.body).toContain('<legend>statistics</legend>');
    expect(page.body).not.toContain('<legend>Newsletter</legend>');
    const res = await save({ csrf: csrfOf(page.body), 'choice.cookie:statistics': 'granted', 'choice.cookie:marketing': 'refused' }, banner);
    expect(res.statusCode).toBe(200);
    const s = await svc.app!.inject({ method: 'GET', url: `/api/consent/state?deviceId=${deviceId}` });
    expect(s.statusCode).toBe(401); // the state API stays for staff; the visitor sees it on the page instead
    expect(res.body).toMatch(/name="choice\.cookie:statistics" value="granted" checked/);
  });
  it('a browser linked to a person still opens only its own cookie categories: its cookie can be copied, so the person\'s purposes need the emailed link', async () => {
    const deviceId = '12'.repeat(16);
    const banner = `pledge_consent=${encodeURIComponent(JSON.stringify({ g: [], v: '1', m: 'x', t: 1, d: deviceId, s: 'banner' }))}`;
    await recordReceipts(svc.deps, [{ person: { subjectId: 'cust-77' }, choices: { newsletter: 'granted', enquiries: 'granted' }, method: 'form' }], { actor: { type: 'system' } });
    await svc.deps.store.db.transaction().execute((trx) => linkDevice(trx, svc.deps, { deviceId, subjectId: 'cust-77', actor: { type: 'system' } }));
    const page = await get('/consent/preferences', banner);
    expect(page.body).toContain('Choices for <strong>this browser</strong>');
    expect(page.body).toContain('<h2>Cookies on this browser</h2>');
    expect(page.body).not.toContain('name="choice.newsletter"');
    expect(page.body).not.toContain('name="choice.enquiries"');
    // A form sent with the person's purposes anyway (as by someone who copied the cookie) changes only this browser's cookies.
    const requestsBefore = (await svc.deps.store.db.selectFrom('rights_requests').select('id').execute()).length;
    await save({ csrf: csrfOf(page.body), 'choice.newsletter': 'refused', 'choice.enquiries': 'refused', 'choice.cookie:statistics': 'granted', 'choice.cookie:marketing': 'granted', action: 'save' }, banner);
    const rows = await svc.deps.store.db.selectFrom('consent_receipts').select(['subject_id', 'device_id', 'choices']).where('device_id', '=', deviceId).execute();
    expect(rows.map((r) => [r.subject_id, JSON.parse(JSON.stringify(r.choices))])).toEqual([[null, { 'cookie:statistics': 'granted', 'cookie:marketing': 'granted', cookies: 'granted' }]]);
    const s = await consentState(svc.deps, { subjectId: 'cust-77' });
    expect(s.allowed).toMatchObject({ newsletter: true, enquiries: true, cookies: true, 'cookie:marketing': true });
    // The page offers the emailed link for the person's own choices, and nothing opens a rights request.
    expect(page.body).toContain('href="/consent/preferences?by=email"');
    expect((await svc.deps.store.db.selectFrom('rights_requests').select('id').execute()).length).toBe(requestsBefore);
  });

  it('applies the age rule the ledger knows (Art 8) on the page too, saying why in plain words; a no is always saved', async () => {
    await recordReceipts(svc.deps, [{ person: { email: 'kid@example.com' }, choices: { newsletter: 'refused' }, method: 'form', age: 11 }], { actor: { type: 'system' } });
    const cookie = cookiesOf((await get(await linkFor('kid@example.com'))).headers, new Map());
    const page = await get('/consent/preferences', cookie);
    const res = await post('/consent/preferences', { csrf: csrfOf(page.body), 'choice.newsletter': 'granted', action: 'save' }, cookie);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('a parent or guardian must agree for you');
    expect((await consentState(svc.deps, { email: 'kid@example.com' })).allowed.newsletter).toBe(false);
    expect((await post('/consent/preferences', { csrf: csrfOf(page.body), action: 'refuse_all' }, cookie)).statusCode).toBe(303);
  });

  it('rate-limits the public forms per client address: a burst gets 429 and a page that says to wait', async () => {
    // The link form: 10 a minute from one network.
    const page = await get('/consent/preferences');
    const cookie = cookiesOf(page.headers, new Map());
    const ask = () => svc.app!.inject({ method: 'POST', url: '/consent/preferences/link', remoteAddress: '203.0.113.50', headers: { ...FORM, cookie }, payload: form({ csrf: csrfOf(page.body), email: 'burst@example.com' }) });
    const links = [];
    for (let i = 0; i < 11; i++) links.push((await ask()).statusCode);
    expect(links.slice(0, 10).every((c) => c === 200)).toBe(true);
    const limited = await ask();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^text\/html/);
    expect(limited.body).toContain('There have been too many attempts from your network. Wait a minute, then try again.');
    // Saving choices (each save records receipts): 120 a minute from one network.
    const saveFrom = () => svc.app!.inject({ method: 'POST', url: '/consent/preferences', remoteAddress: '203.0.113.51', headers: FORM, payload: form({ csrf: 'x', action: 'save' }) });
    const saves = [];
    for (let i = 0; i < 121; i++) saves.push((await saveFrom()).statusCode);
    expect(saves.slice(0, 120).every((c) => c === 400)).toBe(true);
    expect(saves[120]).toBe(429);
    expect((await saveFrom()).body).toContain('Too many attempts');
    // Another network is not held back by it.
    expect((await svc.app!.inject({ method: 'POST', url: '/consent/preferences', remoteAddress: '203.0.113.52', headers: FORM, payload: form({ csrf: 'x' }) })).statusCode).toBe(400);
  });

  describe('Global Privacy Control (Sec-GPC: 1)', () => {
    const GPC = { 'sec-gpc': '1' };
    const receiptsOf = async (method: ReceiptMethod) =>
      (await svc.deps.store.db.selectFrom('consent_receipts').select(['email', 'device_id', 'choices', 'method', 'page', 'actor_type']).where('method', '=', method).execute()).map((r) => ({
        email: r.email ? svc.deps.cipher.decrypt(r.email, 'consent_receipts.email') : null,
        deviceId: r.device_id,
        choices: typeof r.choices === 'string' ? JSON.parse(r.choices) : r.choices,
        page: r.page,
        actor: r.actor_type,
      }));
    async function openLink(email: string): Promise<string> {
      const link = await linkFor(email);
      return cookiesOf((await get(link)).headers, new Map());
    }

    const bannerCookie = (deviceId: string) => `pledge_consent=${encodeURIComponent(JSON.stringify({ g: [], v: '1', m: 'x', t: 1, d: deviceId, s: 'banner' }))}`;

    it('on the person\'s own link in a browser with the banner\'s cookie: refuses that browser\'s cookie categories (and so the cookie purpose), once; leaves email marketing alone', async () => {
      const deviceId = 'ef'.repeat(16);
      const cookie = `${await openLink('gpc-person@example.com')}; ${bannerCookie(deviceId)}`;
      const page = await get('/consent/preferences', cookie, GPC);
      expect(page.statusCode).toBe(200);
      expect(page.headers.vary).toBe('Sec-GPC');
      expect(page.body).toContain('id="pledge-gpc"');
      expect(page.body).toContain('Your browser sends the Global Privacy Control signal, and we honour it');
      // Both parts: the person's purposes (the link) and this browser's cookies (the banner's cookie).
      expect(page.body).toContain('<h2>Cookies on this browser</h2>');
      expect(page.body).toMatch(/name="choice\.cookie:statistics" value="refused" checked/);
      expect(page.body).toMatch(/name="choice\.cookie:marketing" value="refused" checked/);
      expect(page.body).toContain('Set to No because your browser sends the Global Privacy Control signal.');
      expect(page.body).toMatch(/<h3>Deployment of non-essential cookies<\/h3><p>On this browser: <strong>not allowed<\/strong>/);
      // Not a browser matter: a newsletter asked for by email, and marketing on legitimate interests (no objection is made for the person).
      expect(page.body).toMatch(/name="choice\.newsletter" value="refused" checked/);
      expect(page.body).toMatch(/name="choice\.direct_marketing" value="granted" checked/);
      expect(await isSuppressed(svc.deps.store.db, { email: 'gpc-person@example.com' }, 'direct_marketing')).toBe(false);
      const mine = (await receiptsOf('gpc')).filter((r) => r.deviceId === deviceId || r.email === 'gpc-person@example.com');
      expect(mine).toEqual([{ email: null, deviceId, choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused', cookies: 'refused' }, page: '/consent/preferences', actor: 'public' }]);
      // Reloading (and two tabs at once) records nothing more: the browser now has a choice.
      await Promise.all([get('/consent/preferences', cookie, GPC), get('/consent/preferences', cookie, GPC)]);
      expect((await receiptsOf('gpc')).filter((r) => r.deviceId === deviceId)).toHaveLength(1);
      // The person may still say yes themselves; that choice then stands, shown as it is, with the signal explained.
      const saved = await save({ csrf: csrfOf(page.body), 'choice.cookie:statistics': 'granted', 'choice.cookie:marketing': 'granted', 'choice.newsletter': 'granted', action: 'save' }, cookie);
      expect(saved.body).toMatch(/name="choice\.cookie:marketing" value="granted" checked/);
      expect(saved.body).toMatch(/<h3>Deployment of non-essential cookies<\/h3><p>On this browser: <strong>allowed<\/strong>/);
      const again = await get('/consent/preferences', cookie, GPC);
      expect(again.body).toMatch(/name="choice\.cookie:marketing" value="granted" checked/);
      expect(again.body).toMatch(/you said yes to this yourself, so it stays yes until you choose No/);
      expect((await receiptsOf('gpc')).filter((r) => r.deviceId === deviceId)).toHaveLength(1);
      // One save, two receipts (all or none): the purposes for the address, the cookies (with the purpose they decide) for the browser.
      expect((await receiptsOf('preference_centre')).filter((r) => r.deviceId === deviceId || r.email === 'gpc-person@example.com')).toEqual([
        { email: 'gpc-person@example.com', deviceId: null, choices: { newsletter: 'granted' }, page: '/consent/preferences', actor: 'public' },
        { email: null, deviceId, choices: { 'cookie:statistics': 'granted', 'cookie:marketing': 'granted', cookies: 'granted' }, page: '/consent/preferences', actor: 'public' },
      ]);
    });

    it('on the link alone (no banner cookie): nothing recorded, as the signal speaks to a browser, not to the person', async () => {
      const cookie = await openLink('gpc-twotabs@example.com');
      const page = await get('/consent/preferences', cookie, GPC);
      expect(page.body).not.toContain('id="pledge-gpc"');
      expect(page.body).not.toContain('<h2>Cookies on this browser</h2>');
      expect((await receiptsOf('gpc')).filter((r) => r.email === 'gpc-twotabs@example.com')).toEqual([]);
    });

    it('without the header (or with Sec-GPC: 0): nothing recorded, nothing said, and still Vary: Sec-GPC', async () => {
      const cookie = await openLink('no-gpc@example.com');
      for (const extra of [{}, { 'sec-gpc': '0' }] as Record<string, string>[]) {
        const page = await get('/consent/preferences', cookie, extra);
        expect(page.headers.vary).toBe('Sec-GPC');
        expect(page.body).not.toContain('Global Privacy Control');
      }
      expect((await receiptsOf('gpc')).filter((r) => r.email === 'no-gpc@example.com')).toEqual([]);
    });

    it('on the banner\'s cookie: refuses the cookie categories for that device only; a visitor with neither link nor cookie gets nothing recorded', async () => {
      const deviceId = 'cd'.repeat(16);
      const banner = `pledge_consent=${encodeURIComponent(JSON.stringify({ g: [], v: '1', m: 'x', t: 1, d: deviceId, s: 'banner' }))}`;
      const page = await get('/consent/preferences', banner, GPC);
      expect(page.body).toContain('id="pledge-gpc"');
      expect(page.body).toMatch(/name="choice\.cookie:statistics" value="refused" checked/);
      expect(page.body).toMatch(/name="choice\.cookie:marketing" value="refused" checked/);
      expect((await receiptsOf('gpc')).filter((r) => r.deviceId === deviceId)).toEqual([
        { email: null, deviceId, choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused', cookies: 'refused' }, page: '/consent/preferences', actor: 'public' },
      ]);
      const before = (await receiptsOf('gpc')).length;
      const anonymous = await get('/consent/preferences', '', GPC);
      expect(anonymous.body).toContain('Send me a link');
      expect(anonymous.headers.vary).toBe('Sec-GPC');
      // A forged or expired link cookie is nobody's: nothing recorded for anyone.
      await get('/consent/preferences', 'pledge_prefs=s%3Aforged.forged', GPC);
      expect((await receiptsOf('gpc')).length).toBe(before);
    });
  });
});
