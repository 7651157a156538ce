import type { Cookie } from '../declaration/schema/cookies.js';
import type { Purpose } from '../declaration/schema/processing.js';
import type { Declaration } from '../declaration/schema/declaration.js';

export { findPlaceholder } from '../declaration/find-placeholder.js';

/** How a message names an item: its name as readers see it, and its id to find it in the file. */
export function label(item: { id: string; name?: string | undefined }): string {
  return item.name && item.name !== item.id ? `"${item.name}" (${item.id})` : `"${item.id}"`;
}


/** The PECR exceptions each cookie category can lawfully claim (PECR reg 6(4) and Schedule A1, as amended by DUAA 2025). */
export const EXEMPTIONS_BY_CATEGORY: Record<Cookie['category'], readonly Cookie['exemption'][]> = {
  // Advertising is never within an exception: the ICO says advertising cookies always need consent.
  marketing: ['none'],
  // Analytics is not strictly necessary; only the statistics exception can cover it.
  statistics: ['none', 'statistics'],
  functionality: ['none', 'strictly_necessary', 'appearance', 'communication', 'emergency'],
  strictly_necessary: ['none', 'strictly_necessary', 'communication', 'emergency', 'appearance'],
};

/** True when setting the cookie needs consent: not strictly necessary, and no PECR exception that can apply to its category is claimed. */
export function cookieNeedsConsent(cookie: Cookie): boolean {
  return cookie.category !== 'strictly_necessary' && (cookie.exemption === 'none' || !EXEMPTIONS_BY_CATEGORY[cookie.category].includes(cookie.exemption));
}

/** True when a purpose relies on consent (Art 6(1)(a)) for at least one of its bases. */
export function reliesOnConsent(purpose: Purpose): boolean {
  return purpose.lawful_bases.some((b) => b.basis === 'consent');
}

/** Each lawful basis of each purpose with its position, for rules about one kind of basis. */
export function* eachBasis(d: Declaration) {
  for (const [i, purpose] of d.purposes.entries()) {
    for (const [j, basis] of purpose.lawful_bases.entries()) {
      yield { purpose, basis, path: ['purposes', i, 'lawful_bases', j] as const };
    }
  }
}

/** "a, b and c" for lists in messages. */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
