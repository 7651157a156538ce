import type { Cookie } from '../declaration/schema/cookies.js';
import type { Declaration } from '../declaration/schema/declaration.js';

/** A cookie category the banner shows. */
export type BannerCategoryId = 'strictly_necessary' | 'functionality' | 'statistics' | 'marketing';

/**
 * How the banner treats a category:
 * - `always`: strictly necessary, always on, explained, no switch;
 * - `opt_out`: a PECR exemption (statistics or appearance) with an opt-out is claimed: on unless the person objects;
 * - `opt_in`: consent is asked; off until the person switches it on.
 */
export type BannerCategoryMode = 'always' | 'opt_out' | 'opt_in';

export interface BannerCookie {
  name: string;
  provider?: string;
  purpose: string;
  duration?: string;
  party: 'first' | 'third';
}

export interface BannerCategory {
  id: BannerCategoryId;
  mode: BannerCategoryMode;
  cookies: BannerCookie[];
}

/** Strings the banner shows; any may be overridden per language. Category names use the keys `<id>` and `<id>_desc`. */
export type BannerStrings = Record<string, string>;

/** The JSON configuration the browser banner (@pledge/banner) reads. */
export interface BannerConfig {
  /** The declaration version shown, recorded in every receipt. */
  declarationVersion: string;
  /** Changes only when the cookie table changes materially; a stored choice for another value is asked again. */
  materialVersion: string;
  /** Where the banner POSTs consent receipts. */
  endpoint: string;
  /** The privacy or cookie notice the banner links to. */
  noticeUrl: string;
  honourDoNotTrack: boolean;
  honourGlobalPrivacyControl: boolean;
  /** Language of the banner; when absent the page's `<html lang>` decides (Welsh for `cy*`, else English). */
  lang?: string;
  categories: BannerCategory[];
  /** Overrides of the shipped English and Welsh strings, keyed by language (`en`, `cy`): the declaration's cookies.banner.strings. */
  strings?: Record<string, BannerStrings>;
}

export interface BannerConfigOptions {
  /** Receipts endpoint; default `/consent/receipts`. */
  endpoint?: string;
  /** Notice link; default the declaration's cookie policy URL, else its notice URL, else `/privacy`. */
  noticeUrl?: string;
  /** Declaration version; default the notice's last_updated date, else the material version. */
  declarationVersion?: string;
  lang?: string;
  /** Overrides the declaration's own wording (cookies.banner.strings). */
  strings?: Record<string, BannerStrings>;
}

const ORDER: BannerCategoryId[] = ['strictly_necessary', 'functionality', 'statistics', 'marketing'];

/** FNV-1a, 32 bits, as 8 hex digits: a stable short fingerprint without any I/O or Node API. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Whether a cookie claims an exemption that allows it on with an opt-out (PECR reg 6 as amended). */
const exemptWithOptOut = (c: Cookie): boolean =>
  c.opt_out === true &&
  ((c.category === 'statistics' && c.exemption === 'statistics') ||
    (c.category === 'functionality' && c.exemption === 'appearance'));

function modeOf(id: BannerCategoryId, cookies: Cookie[]): BannerCategoryMode {
  if (id === 'strictly_necessary') return 'always';
  if (id === 'marketing') return 'opt_in'; // advertising cookies always need consent
  return cookies.length > 0 && cookies.every(exemptWithOptOut) ? 'opt_out' : 'opt_in';
}

/**
 * The fingerprint of what the person is asked to agree to: each category's mode and each cookie's name,
 * provider, category, purpose and party. Durations and item order are not material; a new cookie, a new
 * provider, a changed purpose or a lost exemption is.
 */
function materialVersionOf(categories: BannerCategory[]): string {
  const canon = categories.map((c) => ({
    id: c.id,
    mode: c.mode,
    cookies: c.cookies
      .map((k) => [k.name, k.provider ?? '', k.purpose, k.party].join('\u0001'))
      .sort(),
  }));
  return fingerprint(JSON.stringify(canon));
}

/** The declared banner wording per language, without empty languages; undefined when none is declared. */
function wordingOf(declaration: Declaration): Record<string, BannerStrings> | undefined {
  const declared = declaration.cookies?.banner?.strings;
  if (!declared) return undefined;
  const out: Record<string, BannerStrings> = {};
  for (const [lang, wording] of Object.entries(declared)) {
    const set = Object.fromEntries(Object.entries(wording ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
    if (Object.keys(set).length) out[lang] = set;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Makes the banner configuration from a declaration's cookie table. Pure: no I/O.
 * Strictly necessary is always present (the banner's own cookie is strictly necessary); other categories
 * appear when the declaration lists cookies in them.
 */
export function buildBannerConfig(declaration: Declaration, options: BannerConfigOptions = {}): BannerConfig {
  const items = declaration.cookies?.items ?? [];
  const categories: BannerCategory[] = [];
  for (const id of ORDER) {
    const inCategory = items.filter((c) => c.category === id);
    if (id !== 'strictly_necessary' && inCategory.length === 0) continue;
    categories.push({
      id,
      mode: modeOf(id, inCategory),
      cookies: inCategory.map((c) => ({
        name: c.name,
        ...(c.provider !== undefined ? { provider: c.provider } : {}),
        purpose: c.purpose,
        ...(c.duration !== undefined ? { duration: c.duration } : {}),
        party: c.party,
      })),
    });
  }
  const materialVersion = materialVersionOf(categories);
  const config: BannerConfig = {
    declarationVersion: options.declarationVersion ?? declaration.notice.last_updated ?? materialVersion,
    materialVersion,
    endpoint: options.endpoint ?? '/consent/receipts',
    noticeUrl: options.noticeUrl ?? declaration.cookies?.policy_url ?? declaration.notice.url ?? '/privacy',
    honourDoNotTrack: declaration.cookies?.honour_do_not_track === true,
    // GPC is honoured unless the declaration says explicitly that it is not.
    honourGlobalPrivacyControl: declaration.cookies?.honour_global_privacy_control !== false,
    categories,
  };
  if (options.lang !== undefined) config.lang = options.lang;
  // The organisation's own wording (cookies.banner.strings, checked by the schema: known keys, plain text, limited
  // lengths); options.strings, when given, replaces it. The banner shows every string as text, never as HTML.
  const strings = options.strings ?? wordingOf(declaration);
  if (strings !== undefined) config.strings = strings;
  return config;
}
