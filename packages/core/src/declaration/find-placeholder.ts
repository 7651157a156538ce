/** Words that stand for "not written yet". Matched as whole words, case-insensitive. */
const PLACEHOLDER = /\b(TBC|TBD|TODO|FIXME|XXX+|to be (confirmed|determined|decided|agreed)|lorem ipsum|insert (here|name|date))\b|\[(insert|add|your)[^\]]*\]/i;

/**
 * The placeholder in a text ("TBC", "[insert date]"), or undefined. Shared so that checks reading a value
 * (a period, a registration number) stay silent where placeholder-value already reports it, and so the
 * coverage check does not count a placeholder as information given.
 */
export function findPlaceholder(text: string): string | undefined {
  return PLACEHOLDER.exec(text)?.[0];
}
