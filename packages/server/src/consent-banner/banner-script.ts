import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildBannerConfig, type BannerConfig } from '@pledge/core';
import type { ServiceDeps } from '../service-deps.js';
import { currentVersion } from '../declarations/read-declaration-versions.js';
import type { DeclarationVersion } from '../declarations/declaration-version.js';
import { bannerAsset } from './banner-asset.js';

/** The script as served, with its compressed forms made once (the asset is hot: every page view of every site). */
export interface BannerScript {
  status: 200 | 404 | 503;
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag?: string;
}

export type BannerLang = 'en' | 'cy';

/** Where a path of this Pledge is reached from other sites (the public URL setting, without a trailing slash). */
export const publicAddress = (deps: ServiceDeps, path: string): string => `${deps.config.publicUrl.replace(/\/+$/, '')}${path}`;

/**
 * The configuration embedded in the served script: the published declaration's cookie table, receipts posted to this
 * Pledge, the notice link to its /privacy page. `declarationVersion` is the published version number, so receipts name
 * the exact version shown; `materialVersion` (a fingerprint of categories and cookies, made by core) changes only when
 * the cookie table changes materially, and a stored choice for another one is asked again.
 */
export function servedBannerConfig(deps: ServiceDeps, v: DeclarationVersion, lang?: BannerLang): BannerConfig {
  return buildBannerConfig(v.declaration, {
    endpoint: publicAddress(deps, '/consent/receipts'),
    noticeUrl: publicAddress(deps, '/privacy'),
    declarationVersion: String(v.version),
    ...(lang ? { lang } : {}),
  });
}

/** Text for a block comment: its closing sequence broken up, on one line. */
const commentText = (message: string): string => message.replace(/\*\//g, '* /').replace(/[\r\n\u2028\u2029]+/g, ' ');

/** A reply that is valid JavaScript doing nothing, so a site embedding the line never gets a script error. */
function notServed(status: 404 | 503, message: string): BannerScript {
  return { status, body: Buffer.from(`/* Pledge cookie banner: ${commentText(message)} */\n`) };
}

/** A 200 script with its compressed forms and validator. */
function served(text: string): BannerScript {
  const body = Buffer.from(text);
  return {
    status: 200,
    body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/**
 * JSON as a JavaScript expression that stays inside its literal wherever the script is put: `<` escaped (so a string
 * holding "</script>" cannot end an inline script), U+2028/2029 escaped (line terminators in older engines).
 */
const embedJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * For a cookie table of strictly necessary cookies only (PECR reg 6(4): no consent needed, so nothing to ask): a tiny
 * valid script, not a 404, so the pages embedding the line get no console error. It shows nothing, sets no cookie and
 * sends nothing; it answers `window.pledgeConsent` as the banner would (no choice made, only strictly necessary
 * allowed, `open` does nothing), and a `data-pledge-consent-open` element keeps its own behaviour (a link still goes
 * to its page).
 */
function noBannerScript(v: DeclarationVersion, config: BannerConfig): string {
  const names = config.categories.flatMap((c) => c.cookies.map((k) => k.name));
  const why = commentText(
    `declaration version ${v.version} lists only strictly necessary cookies (${names.join(', ').slice(0, 300)}), which need no consent (PECR reg 6(4)), so no banner is shown. The notice at ${config.noticeUrl} explains them.`,
  );
  return `/* Pledge cookie banner: ${why} */\n(function(w){if(w.pledgeConsent)return;w.pledgeConsent={open:function(){},get:function(){return null},allowed:function(c){return c==='strictly_necessary'}};})(window);\n`;
}

/** The script for one version and language: the banner with its configuration, the no-banner script, or a clear 404. */
export function buildBannerScript(deps: ServiceDeps, v: DeclarationVersion, asset: string, lang?: BannerLang): BannerScript {
  const config = servedBannerConfig(deps, v, lang);
  if (!v.declaration.cookies?.items.length) {
    // No cookie table at all: the line was embedded but the declaration says nothing about cookies. A 404 (its body a
    // harmless comment) shows in the console, where the site's developers will see that the table is missing.
    return notServed(404, `version ${v.version} of the declaration lists no cookies, so there is no choice to ask for. Add a cookies section (cookies.items) and publish it.`);
  }
  if (!config.categories.some((c) => c.mode !== 'always')) return served(noBannerScript(v, config));
  // The bundle reads the free name PLEDGE_EMBEDDED_CONFIG: the wrapper's parameter, so no global is created.
  return served(`/* Pledge cookie banner: declaration version ${v.version}, cookie table ${config.materialVersion}. */\n(function(PLEDGE_EMBEDDED_CONFIG){\n${asset.trimEnd()}\n})(${embedJson(config)});\n`);
}

const cache = new Map<string, BannerScript>();

/** The script for a version and language, from the cache (made once per version, language and public address). */
export function bannerScriptFor(deps: ServiceDeps, v: DeclarationVersion, asset: string, lang?: BannerLang): BannerScript {
  const key = `${v.version}|${v.contentHash}|${lang ?? ''}|${deps.config.publicUrl}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const made = buildBannerScript(deps, v, asset, lang);
  if (cache.size >= 32) cache.clear();
  cache.set(key, made);
  return made;
}

/** The banner with the current declaration's configuration embedded, ready to send; made once per version and language. */
export async function bannerScript(deps: ServiceDeps, lang?: BannerLang): Promise<BannerScript> {
  const asset = bannerAsset();
  if (asset === undefined) return notServed(503, 'the banner is not built on this server. Run `npm run build` (it builds @pledge/banner), then restart Pledge.');
  const v = await currentVersion(deps.store.db);
  if (!v) return notServed(404, 'no declaration is published yet, so there is nothing to ask. Publish one (pledge publish, or POST /api/declarations) with a cookie table.');
  return bannerScriptFor(deps, v, asset, lang);
}
