/** The units a declared period may be written in. */
export type DurationUnit = 'day' | 'week' | 'month' | 'year';

/** A period as a whole number of one unit: "24 months" -> { amount: 24, unit: 'month' }. */
export interface ParsedDuration {
  amount: number;
  unit: DurationUnit;
}

/** Number words people write in notices ("one month", "two years"); "a"/"an" as in "a month". */
const WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

// "calendar" is allowed because "1 calendar month" means the same as "1 month"; "working days" is not,
// because a count of working days cannot be compared with the statutory calendar periods.
const PATTERN = /^\s*(\d{1,6}|[a-z]+)\s+(?:calendar\s+)?(day|week|month|year)(?:s|\(s\))?\s*$/i;

/**
 * Reads a period written as "<n> <unit>": "30 days", "1 month", "24 months", "6 years", "2 weeks",
 * "one month", "Two Years". Returns undefined for anything else ("TBC", "session", "1.5 years").
 *
 * @example parseDuration('24 months') // { amount: 24, unit: 'month' }
 * @example parseDuration('one year')  // { amount: 1, unit: 'year' }
 */
export function parseDuration(text: string): ParsedDuration | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  const amount = /^\d+$/.test(word) ? Number(word) : WORDS[word];
  if (amount === undefined) return undefined;
  return { amount, unit: m[2]!.toLowerCase() as DurationUnit };
}
