import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The four seeds whose corrected declarations have a cookie table (examples/<seed>/corrected/declaration.yaml). */
export const COOKIE_EXAMPLES = ['jet-technology', 'jumpmind', 'juxt', 'jupiter-edtech'] as const;

/** A seed's corrected declaration, as text. */
export const correctedExample = (seed: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../../examples/${seed}/corrected/declaration.yaml`, import.meta.url)), 'utf8');

/** Adds lines under `cookies:` (before its first key), for variants of a seed's cookie section. */
export function withCookieSettings(yaml: string, lines: string): string {
  if (!/^cookies:\n/m.test(yaml)) throw new Error('the declaration has no cookies section');
  return yaml.replace(/^cookies:\n/m, `cookies:\n${lines.replace(/\n?$/, '\n')}`);
}

/**
 * The Jet Technology declaration with `n` more first-party statistics cookies, each with its own name and a purpose of
 * varied words (so gzip cannot shrink them to nothing): a cookie table large enough to push the served banner over its
 * size budget.
 */
export function withHugeCookieTable(n: number): string {
  const words = ['measures', 'visits', 'pages', 'journeys', 'returning', 'devices', 'screens', 'timing', 'errors', 'forms', 'search', 'basket', 'checkout', 'regions', 'browsers', 'referrals', 'campaigns', 'scrolling', 'clicks', 'videos'];
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const items = Array.from({ length: n }, (_, i) => {
    const purpose = Array.from({ length: 12 }, () => words[next() % words.length]).join(' ');
    return `    - id: extra_${i}\n      name: _x${next().toString(36)}\n      category: statistics\n      purpose: Counts ${purpose} (${next().toString(36)}).\n      duration: ${1 + (next() % 24)} months\n`;
  }).join('');
  const jet = correctedExample('jet-technology');
  return jet.replace('    - id: googletagmanager', `${items}    - id: googletagmanager`);
}
