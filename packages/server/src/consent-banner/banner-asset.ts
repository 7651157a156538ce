import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let cached: string | undefined;

/**
 * The built browser banner (@pledge/banner's dist/banner.js), read once. Undefined when it has not been built
 * (`npm run build` builds it), so the route can say so instead of serving a broken script.
 */
export function bannerAsset(): string | undefined {
  if (cached !== undefined) return cached;
  try {
    cached = readFileSync(createRequire(import.meta.url).resolve('@pledge/banner/banner.js'), 'utf8');
    return cached;
  } catch {
    return undefined;
  }
}
