import type { FindingDetail } from '../declarations/finding-detail.js';
import type { DeclarationVersion } from '../declarations/declaration-version.js';
import type { ServiceDeps } from '../service-deps.js';
import { bannerAsset } from './banner-asset.js';
import { bannerScriptFor, type BannerLang } from './banner-script.js';

/**
 * Most bytes, gzipped, the served banner (JS, CSS and the embedded cookie table) should take: every page view of
 * every site that embeds it loads it, so it must stay light (the budget; the bare banner is tested against it).
 */
export const BANNER_GZIP_BUDGET = 6 * 1024;
export const BANNER_SIZE_RULE = 'banner-size';

/**
 * After a version is published: the gzip size of the script Pledge will serve for it (English and Welsh; this also
 * makes and caches both). When one is over the budget, a warning for the publish result (a finding below error level,
 * so the version is published anyway) and a log line. Nothing when the banner is not built on this server.
 */
export function bannerSizeWarning(deps: ServiceDeps, v: DeclarationVersion): FindingDetail | undefined {
  const asset = bannerAsset();
  if (asset === undefined) return undefined;
  let largest = 0;
  for (const lang of [undefined, 'cy'] as (BannerLang | undefined)[]) {
    const s = bannerScriptFor(deps, v, asset, lang);
    if (s.status === 200 && s.gzip) largest = Math.max(largest, s.gzip.length);
  }
  if (largest <= BANNER_GZIP_BUDGET) return undefined;
  const items = v.declaration.cookies?.items.length ?? 0;
  const kb = (n: number) => (n / 1024).toFixed(1);
  const message =
    `The cookie banner served for version ${v.version} is ${kb(largest)} KB gzipped, over the ${kb(BANNER_GZIP_BUDGET)} KB budget: ` +
    `every page of every site that embeds it loads it, and it embeds the cookie table (${items} cookie${items === 1 ? '' : 's'}). ` +
    'Shorten the cookies\' purposes, or list cookies set together for one purpose as one item (names comma-separated, e.g. "_ga, _ga_<container-id>").';
  deps.logger.warn({ version: v.version, gzipBytes: largest, budget: BANNER_GZIP_BUDGET, cookies: items }, message);
  return { ruleId: BANNER_SIZE_RULE, severity: 'warning', message, at: null, file: null, line: null, column: null, path: 'cookies.items', citation: null };
}
