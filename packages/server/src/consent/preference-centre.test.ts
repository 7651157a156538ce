import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { isSuppressed } from '../suppression/is-suppressed.js';
import { startTestService, type TestService } from '../test-support/test-service.js';
import { consentTestDeclaration } from './test-fixtures/consent-declaration.js';
import type { ReceiptMethod } from './consent-tables.js';
import { LINKS_PER_HOUR, requestPreferenceLink } from './preference-centre.js';

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

  async function linkFor(email: string): Promise<string> {
    const jar = new Map<string, string>();
    const page = await get('/consent/preferences');
    const cookie = cookiesOf(page.headers, jar);
    const res = await post('/consent/preferences/link', { csrf: csrfOf(page.body), email }, cookie);
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
    for (const name of ['Newsletter', 'Direct marketing', 'Deployment of non-essential cookies']) expect(page.body).toContain(`<legend>${name}</legend>`);
    expect(page.body).toMatch(/name="choice\.newsletter" value="refused" checked/); // nothing pre-ticked for consent
    expect(page.body).toMatch(/name="choice\.direct_marketing" value="granted" checked/); // legitimate interests: on until objected to

    const saved = await save({ csrf: csrfOf(page.body), 'choice.newsletter': 'granted', 'choice.direct_marketing': 'granted', 'choice.cookies': 'refused', action: 'save' }, cookie);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Your choices are saved.');
    expect(saved.body).toMatch(/name="choice\.newsletter" value="granted" checked/);
    const receipts = await svc.deps.store.db.selectFrom('consent_receipts').select(['method', 'choices', 'ip_truncated']).where('method', '=', 'preference_centre').execute();
    expect(receipts).toHaveLength(1);

    const all = await save({ csrf: csrfOf(saved.body), action: 'refuse_all' }, cookie);
    expect(all.body).toMatch(/name="choice\.newsletter" value="refused" checked/);
    expect(await isSuppressed(svc.deps.store.db, { email: 'pat@example.com' }, 'newsletter')).toBe(true);
    // Saying no to legitimate-interests marketing is an objection: absolute, for all marketing.
    expect(all.body).toContain('You have objected to direct marketing');
    expect(await isSuppressed(svc.deps.store.db, { email: 'pat@example.com' }, 'anything')).toBe(true);
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

    it('on the person\'s own link: shows the cookie purpose refused, says the signal was honoured, records one "gpc" receipt, leaves email marketing alone', async () => {
      const cookie = await openLink('gpc-person@example.com');
      const page = await get('/consent/preferences', cookie, GPC);
      expect(page.statusCode).toBe(200);
      expect(page.headers.vary).toBe('Sec-GPC');
      expect(page.body).toContain('id="pledge-gpc"');
      expect(page.body).toContain('Your browser sends the Global Privacy Control signal, and we honour it');
      expect(page.body).toMatch(/name="choice\.cookies" value="refused" checked/);
      expect(page.body).not.toMatch(/name="choice\.cookies" value="granted" checked/);
      expect(page.body).toContain('Set to No because your browser sends the Global Privacy Control signal.');
      // Not a browser matter: a newsletter asked for by email, and marketing on legitimate interests (no objection is made for the person).
      expect(page.body).toMatch(/name="choice\.newsletter" value="refused" checked/);
      expect(page.body).toMatch(/name="choice\.direct_marketing" value="granted" checked/);
      expect(await isSuppressed(svc.deps.store.db, { email: 'gpc-person@example.com' }, 'direct_marketing')).toBe(false);
      const mine = (await receiptsOf('gpc')).filter((r) => r.email === 'gpc-person@example.com');
      expect(mine).toEqual([{ email: 'gpc-person@example.com', deviceId: null, choices: { cookies: 'refused' }, page: '/consent/preferences', actor: 'public' }]);
      // Reloading (and two tabs at once) records nothing more: the person now has a choice.
      await Promise.all([get('/consent/preferences', cookie, GPC), get('/consent/preferences', cookie, GPC)]);
      expect((await receiptsOf('gpc')).filter((r) => r.email === 'gpc-person@example.com')).toHaveLength(1);
      // The person may still say yes themselves; that choice then stands, shown as it is, with the signal explained.
      const saved = await save({ csrf: csrfOf(page.body), 'choice.cookies': 'granted', action: 'save' }, cookie);
      expect(saved.body).toMatch(/name="choice\.cookies" value="granted" checked/);
      const again = await get('/consent/preferences', cookie, GPC);
      expect(again.body).toMatch(/name="choice\.cookies" value="granted" checked/);
      expect(again.body).toMatch(/you said yes to this yourself, so it stays yes until you choose No/);
      expect((await receiptsOf('gpc')).filter((r) => r.email === 'gpc-person@example.com')).toHaveLength(1);
    });

    it('two tabs opened at once with the signal store one receipt', async () => {
      const cookie = await openLink('gpc-twotabs@example.com');
      await Promise.all([get('/consent/preferences', cookie, GPC), get('/consent/preferences', cookie, GPC), get('/consent/preferences', cookie, GPC)]);
      expect((await receiptsOf('gpc')).filter((r) => r.email === 'gpc-twotabs@example.com')).toHaveLength(1);
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
        { email: null, deviceId, choices: { 'cookie:statistics': 'refused', 'cookie:marketing': 'refused' }, page: '/consent/preferences', actor: 'public' },
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
