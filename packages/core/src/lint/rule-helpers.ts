import type { Cookie } from '../declaration/schema/cookies.js';
import type { Purpose } from '../declaration/schema/processing.js';
import type { Declaration } from '../declaration/schema/declaration.js';

/** Words that stand for "not written yet". Matched as whole words, case-insensitive. */
const PLACEHOLDER = /\b(TBC|TBD|TODO|FIXME|XXX+|to be (confirmed|determined|decided|agreed)|lorem ipsum|insert (here|name|date))\b|\[(insert|add|your)[^\]]*\]/i;

/**
 * The placeholder in a text ("TBC", "[insert date]"), or undefined. Shared so that rules reading a value
 * (a period, a registration number) stay silent where placeholder-value already reports it.
 */
export function findPlaceholder(text: string): string | undefined {
  return PLACEHOLDER.exec(text)?.[0];
}

/** How a message names an item: its name as readers see it, and its id to find it in the file. */
export function label(item: { id: string; name?: string | undefined }): string {
  return item.name && item.name !== item.id ? `"${item.name}" (${item.id})` : `"${item.id}"`;
}

/** True when setting the cookie needs consent: not strictly necessary and no PECR exception claimed. */
export function cookieNeedsConsent(cookie: Cookie): boolean {
  return cookie.category !== 'strictly_necessary' && cookie.exemption === 'none';
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
