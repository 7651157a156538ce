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

/** A reply that is valid JavaScript doing nothing, so a site embedding the line never gets a script error. */
function notServed(status: 404 | 503, message: string): BannerScript {
  const text = message.replace(/\*\//g, '* /');
  return { status, body: Buffer.from(`/* Pledge cookie banner: ${text} */\n`) };
}

const cache = new Map<string, BannerScript>();

/** The banner with the current declaration's configuration embedded, ready to send; made once per version and language. */
export async function bannerScript(deps: ServiceDeps, lang?: BannerLang): Promise<BannerScript> {
  const asset = bannerAsset();
  if (asset === undefined) return notServed(503, 'the banner is not built on this server. Run `npm run build` (it builds @pledge/banner), then restart Pledge.');
  const v = await currentVersion(deps.store.db);
  if (!v) return notServed(404, 'no declaration is published yet, so there is nothing to ask. Publish one (pledge publish, or POST /api/declarations) with a cookie table.');
  const key = `${v.version}|${v.contentHash}|${lang ?? ''}|${deps.config.publicUrl}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const config = servedBannerConfig(deps, v, lang);
  let made: BannerScript;
  if (!v.declaration.cookies?.items.length) {
    made = notServed(404, `version ${v.version} of the declaration lists no cookies, so there is no choice to ask for. Add a cookies section (cookies.items) and publish it.`);
  } else if (!config.categories.some((c) => c.mode !== 'always')) {
    made = notServed(404, `version ${v.version} of the declaration lists only strictly necessary cookies, which need no consent (PECR reg 6(4)); the notice at /privacy explains them. Nothing to ask.`);
  } else {
    // The bundle reads the free name PLEDGE_EMBEDDED_CONFIG: the wrapper's parameter, so no global is created.
    const text = `/* Pledge cookie banner: declaration version ${v.version}, cookie table ${config.materialVersion}. */\n(function(PLEDGE_EMBEDDED_CONFIG){\n${asset.trimEnd()}\n})(${JSON.stringify(config)});\n`;
    const body = Buffer.from(text);
    made = {
      status: 200,
      body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
  }
  if (cache.size >= 32) cache.clear();
  cache.set(key, made);
  return made;
}
