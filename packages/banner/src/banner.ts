// @pledge/banner: Pledge's cookie banner. One deferred script, no dependencies. See ../README.md.
import { CSS } from './css.js';
import { STRINGS } from './strings.js';

type Category = 'strictly_necessary' | 'functionality' | 'statistics' | 'marketing';
type Mode = 'always' | 'opt_out' | 'opt_in';
type Method = 'banner' | 'gpc' | 'dnt';

/** The configuration made by @pledge/core's buildBannerConfig (mirrored here so the banner has no dependency). */
export interface Config {
  declarationVersion: string;
  materialVersion: string;
  endpoint: string;
  noticeUrl: string;
  honourDoNotTrack?: boolean;
  honourGlobalPrivacyControl?: boolean;
  lang?: string;
  categories: { id: Category; mode: Mode; cookies: { name: string; provider?: string; purpose: string; duration?: string }[] }[];
  strings?: Record<string, Record<string, string>>;
}

/** What the `pledge_consent` cookie holds: no personal data. */
export interface Stored {
  /** categories granted */ g: Category[];
  /** declaration version shown */ v: string;
  /** material version of the cookie table */ m: string;
  /** when, ms since epoch */ t: number;
  /** random anonymous device id */ d: string;
  /** how */ s: Method;
  /** receipts not yet answered 2xx, resent on the next page load with the same idempotency key */ u?: Pending[];
}

/** A receipt not yet acknowledged: what it says, so it is resent unchanged (the server dedupes by key per device). */
export interface Pending {
  /** idempotency key */ k: string;
  /** choices */ c: Record<string, 'granted' | 'refused'>;
  /** method */ s: Method;
  /** declaration version shown */ v: string;
  /** page (path only) */ p: string;
  /** when chosen, ms since epoch (a resent receipt keeps it) */ t?: number;
}

const COOKIE = 'pledge_consent';
const MAX_AGE = 182 * 24 * 3600; // six months
const doc = document;
const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
const script = doc.currentScript as HTMLScriptElement | null;

let cfg: Config;
let state: Stored | undefined;
/** What the cookie holds now (also when a changed material version means the choice is asked again). */
let saved: Stored | undefined;
/** The device id, kept when a choice is asked again, so the ledger links the new receipt to the earlier ones. */
let device: string | undefined;
let root: HTMLElement | undefined;
let returnFocus: Element | null = null;

const rand = (bytes: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

function readStored(): Stored | undefined {
  const m = doc.cookie.match(/(?:^|; )pledge_consent=([^;]*)/);
  if (!m) return undefined;
  try {
    const s = JSON.parse(decodeURIComponent(m[1]!)) as Stored;
    if (!Array.isArray(s.u)) delete s.u;
    return Array.isArray(s.g) && typeof s.d === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Categories on before any choice: statistics or appearance cookies claimed exempt with an opt-out (PECR reg 6 as amended). */
const exempt = (): Category[] => cfg.categories.filter((c) => c.mode === 'opt_out').map((c) => c.id);

const allowed = (c: string): boolean => c === 'strictly_necessary' || (state ? state.g : exempt()).includes(c as Category);

/** Grants and refusals for each optional category, as a receipt records them. */
function choicesOf(granted: Category[]): Record<string, 'granted' | 'refused'> {
  const out: Record<string, 'granted' | 'refused'> = {};
  for (const c of cfg.categories) if (c.mode !== 'always') out[c.id] = granted.includes(c.id) ? 'granted' : 'refused';
  return out;
}

function store(s: Stored): void {
  saved = s;
  doc.cookie = `${COOKIE}=${encodeURIComponent(JSON.stringify(s))}; Path=/; Max-Age=${MAX_AGE}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
}

/**
 * Posts a receipt kept in the cookie until the endpoint answers 2xx (or a 4xx that a retry cannot fix), so a receipt
 * is never lost silently: unanswered or 5xx/408/429, it is resent on the next page load with the same idempotency key.
 * `keepalive` lets it finish when the page is left; no cookies go with it (`credentials: 'omit'`). Pledge's receipts
 * endpoint answers (CORS) only the origins in PLEDGE_CONSENT_ORIGINS; to any other the browser reports a network error.
 */
function send(r: Pending, resend?: boolean): void {
  const say = (m: string): void => console.warn(`Pledge cookie banner: the consent receipt to ${cfg.endpoint} ${m}`);
  fetch(cfg.endpoint, {
    method: 'POST',
    body: JSON.stringify({ deviceId: saved!.d, choices: r.c, method: r.s, declarationVersion: r.v, page: r.p, idempotencyKey: r.k, givenAt: resend && r.t ? new Date(r.t).toISOString() : undefined }),
    keepalive: true,
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
  }).then(
    async (res) => {
      const s = res.status;
      if (s < 300 || (s < 500 && s != 408 && s != 429)) store({ ...saved!, u: saved!.u?.filter((x) => x.k != r.k) });
      if (s > 299)
        say(`was refused (${s}): ${(await res.text().catch(() => '')).slice(0, 300)}${s == 403 ? ` Add this site's origin (${location.origin}) to PLEDGE_CONSENT_ORIGINS.` : s < 500 && s != 408 && s != 429 ? ' It is not resent.' : ' It is resent on the next page.'}`);
    },
    () => say(`could not be sent (network error, or this site's origin, ${location.origin}, is not in PLEDGE_CONSENT_ORIGINS); it is resent on the next page.`),
  );
}

/** Records a choice: stores the cookie, applies it to the page and posts a receipt. */
function decide(granted: Category[], method: Method): void {
  const before = state;
  const choices = choicesOf(granted);
  // A browser signal expresses only refusals: exempt opt-out categories it leaves on are not recorded as if chosen.
  if (method != 'banner') for (const k in choices) if (choices[k] == 'granted') delete choices[k];
  const r: Pending = { k: rand(16), c: choices, s: method, v: cfg.declarationVersion, p: location.pathname.slice(0, 300), t: Date.now() };
  // At most four unsent receipts are kept (the newest), so the cookie stays small.
  const u = [...(saved?.u ?? []), ...(Object.keys(choices).length ? [r] : [])].slice(-4);
  store((state = { g: granted, v: cfg.declarationVersion, m: cfg.materialVersion, t: Date.now(), d: (device ??= rand(16)), s: method, u }));
  for (const c of before ? before.g : exempt()) if (!granted.includes(c)) revoke(c);
  apply();
  if (u.includes(r)) send(r);
  doc.dispatchEvent(new CustomEvent('pledge:consent', { detail: get() }));
}

let busy = false;

/**
 * Runs blocked scripts now allowed, one at a time in document order (an external one loads before the next runs), and
 * loads iframes now allowed. Safe to call again (e.g. once the rest of the document is parsed): a running chain
 * re-scans after each script, so scripts parsed meanwhile join it in order.
 */
function apply(): void {
  const next = (): void => {
    const old = Array.from(doc.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-category]')).find(
      (s) => !s.hasAttribute('data-pledge-ran') && allowed(s.dataset.category!),
    );
    busy = !!old;
    if (!old) return;
    old.setAttribute('data-pledge-ran', '');
    const s = doc.createElement('script');
    for (const a of Array.from(old.attributes)) if (a.name !== 'type' && a.name !== 'data-pledge-ran') s.setAttribute(a.name, a.value);
    if (old.dataset.type) s.type = old.dataset.type;
    s.text = old.text;
    if (s.src) {
      s.async = false;
      s.onload = s.onerror = next;
    }
    old.replaceWith(s);
    if (!s.src) next();
  };
  if (!busy) next();
  for (const f of Array.from(doc.querySelectorAll<HTMLIFrameElement>('iframe[data-category][data-src]')))
    if (allowed(f.dataset.category!) && f.getAttribute('src') !== f.dataset.src) f.src = f.dataset.src!;
}

/** On withdrawal: unloads iframes of the category and deletes the first-party cookies the config names for it. */
function revoke(c: Category): void {
  // Set, not removed: Chromium unloads a frame whose src is removed, but about:blank navigates it away in every browser.
  for (const f of Array.from(doc.querySelectorAll<HTMLIFrameElement>(`iframe[data-category="${c}"][data-src]`))) f.src = 'about:blank';
  const names = (cfg.categories.find((k) => k.id === c)?.cookies ?? []).flatMap((k) => k.name.split(/[\s,]+/)).filter(Boolean);
  const host = location.hostname.split('.');
  for (const pair of doc.cookie.split('; ')) {
    const n = pair.split('=')[0]!;
    // "_ga_<container-id>" names a family of cookies: the part before "<" is a prefix.
    if (!names.some((p) => (p.includes('<') ? n.startsWith(p.slice(0, p.indexOf('<'))) : n === p))) continue;
    for (let i = 0; i < host.length; i++) {
      const domain = i ? `; domain=.${host.slice(i - 1).join('.')}` : '';
      doc.cookie = `${n}=; Path=/; Max-Age=0${domain}`;
    }
  }
}

const get = (): { granted: Category[]; method: Method; declarationVersion: string; timestamp: number; deviceId: string } | null =>
  state ? { granted: [...state.g], method: state.s, declarationVersion: state.v, timestamp: state.t, deviceId: state.d } : null;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(doc.createElement(tag), props);
  e.append(...kids);
  return e;
}

function strings(): { lang: string; t: (k: string) => string } {
  const lang = (cfg.lang ?? script?.dataset.lang ?? doc.documentElement.lang ?? 'en').toLowerCase().startsWith('cy') ? 'cy' : 'en';
  const own = cfg.strings?.[lang] ?? {};
  return { lang, t: (k) => own[k] ?? STRINGS[lang][k] ?? STRINGS.en[k] ?? k };
}

function close(): void {
  root?.remove();
  root = undefined;
  if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
}

/** Opens the banner (the first layer, or straight to the choices when `choose`). */
function open(choose = false): void {
  if (root) close();
  returnFocus = doc.activeElement;
  const { lang, t } = strings();
  const switches: [Category, HTMLInputElement][] = [];
  const optional = cfg.categories.filter((c) => c.mode !== 'always').map((c) => c.id);
  const button = (label: string, onclick: () => void, cls = 'b'): HTMLButtonElement =>
    el('button', { type: 'button', className: cls, textContent: label, onclick });
  const panel = el('div', { id: 'pc-c', hidden: !choose });
  for (const c of cfg.categories) {
    const id = `pc-${c.id}`;
    const on = c.mode === 'always' || (state ? state.g.includes(c.id) : c.mode === 'opt_out');
    const box = el('input', { type: 'checkbox', id, checked: on, disabled: c.mode === 'always' });
    box.setAttribute('role', 'switch');
    box.setAttribute('aria-describedby', `${id}-d`);
    if (c.mode !== 'always') switches.push([c.id, box]);
    const list = el('ul', {}, ...c.cookies.map((k) => el('li', {}, [k.name, k.provider && `(${k.provider})`, '–', k.purpose, k.duration && `[${k.duration}]`].filter(Boolean).join(' '))));
    list.setAttribute('aria-label', t('cookies'));
    panel.append(
      el('fieldset', {},
        el('legend', {}, t(c.id)),
        el('label', { htmlFor: id }, box, c.mode === 'always' ? `${t(c.id)}: ${t('always')}` : t(c.id)),
        el('small', { id: `${id}-d` }, t(`${c.id}_desc`), c.mode === 'opt_out' ? ` ${t('optout')}` : ''),
        list,
      ),
    );
  }
  const choose_ = button(t('choose'), () => {
    panel.hidden = false;
    choose_.hidden = true;
    save.hidden = false;
    switches[0]?.[1].focus();
  }, 'l');
  choose_.setAttribute('aria-controls', 'pc-c');
  choose_.hidden = choose;
  const save = button(t('save'), () => {
    decide(switches.filter(([, b]) => b.checked).map(([c]) => c), 'banner');
    close();
  });
  save.hidden = !choose;
  root = el('div', { id: 'pc', lang, tabIndex: -1 },
    el('style', { textContent: CSS }),
    el('h2', { id: 'pc-t' }, t('title')),
    el('p', { id: 'pc-i' }, t('intro'), ' ', el('a', { href: cfg.noticeUrl }, t('notice'))),
    panel,
    el('div', { className: 'pb' },
      button(t('accept'), () => (decide(optional, 'banner'), close())),
      // Reject all refuses every optional category, exempt opt-out ones included (an objection).
      button(t('reject'), () => (decide([], 'banner'), close())),
      save,
      choose_,
    ),
  );
  root.setAttribute('role', 'dialog');
  // Focus is moved in and kept in (Tab cycles), so the dialog is modal for assistive technology too.
  root.setAttribute('aria-modal', 'true');
  root.setAttribute('aria-labelledby', 'pc-t');
  root.setAttribute('aria-describedby', 'pc-i');
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const f = Array.from(root!.querySelectorAll<HTMLElement>('a,button,input')).filter((x) => !(x as HTMLInputElement).disabled && x.offsetParent !== null);
    const first = f[0], last = f[f.length - 1];
    if (e.shiftKey && (doc.activeElement === first || doc.activeElement === root)) (last?.focus(), e.preventDefault());
    else if (!e.shiftKey && doc.activeElement === last) (first?.focus(), e.preventDefault());
  });
  root.addEventListener('focusout', (e) => {
    const to = e.relatedTarget as Node | null;
    if (root && to && !root.contains(to)) root.focus();
  });
  doc.body.append(root);
  root.focus();
}

function start(config: Config): void {
  cfg = config;
  state = saved = readStored();
  device = state?.d;
  // Resent: dated when chosen (by this browser's clock; a first send is dated by Pledge's, so a slow clock cannot
  // order a fresh choice before one recorded moments earlier).
  for (const r of saved?.u ?? []) send(r, true);
  if (state && state.m !== cfg.materialVersion) state = undefined; // the cookie table changed materially: ask again
  apply();
  if (!state) {
    const signal: Method | undefined =
      cfg.honourGlobalPrivacyControl !== false && nav.globalPrivacyControl === true ? 'gpc'
        : cfg.honourDoNotTrack && nav.doNotTrack === '1' ? 'dnt' : undefined;
    // A browser signal refuses every category that needs consent, without asking; exempt opt-out categories stay on.
    if (signal) decide(exempt(), signal);
    else open();
  }
}

doc.addEventListener('click', (e) => {
  const t = (e.target as Element).closest?.('[data-pledge-consent-open]');
  if (t && cfg) (e.preventDefault(), open(true));
});

(window as unknown as { pledgeConsent: object }).pledgeConsent = { open: () => open(true), get, allowed };

/** Pledge serves this script wrapped in a function whose parameter of this name holds the config (one request). */
declare const PLEDGE_EMBEDDED_CONFIG: Config | undefined;

function boot(): void {
  const inline = doc.getElementById('pledge-consent-config');
  const url = script?.dataset.config;
  if (typeof PLEDGE_EMBEDDED_CONFIG == 'object') start(PLEDGE_EMBEDDED_CONFIG);
  else if (inline) start(JSON.parse(inline.textContent!) as Config);
  else if (url) fetch(url).then((r) => r.json()).then(start, () => {});
}

// Shown as soon as the script runs and the body exists: a script run before the body is parsed (e.g. from cache) shows
// it the moment the body is created, before the first paint. Blocked elements parsed later are handled when the
// document is complete.
if (doc.body) boot();
else
  new MutationObserver((_, o) => {
    if (doc.body) (o.disconnect(), boot());
  }).observe(doc.documentElement, { childList: true });
if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => cfg && apply());
