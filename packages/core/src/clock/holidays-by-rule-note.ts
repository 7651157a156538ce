import { resolveCalendar, isYearByRule, type RegionOrCalendar } from './resolve-calendar.js';
import { REGION_NAMES } from './region.js';

/** Where an operator gets and loads the published dates; named in the note so the privacy lead knows what to do. */
export const HOLIDAYS_SOURCE_URL = 'https://www.gov.uk/bank-holidays.json';

/**
 * The step that says which of the years a computation looked at have no published dates and were computed by rule,
 * e.g. "England and Wales bank holidays for 2029 are computed by rule (provisional: ...)"; undefined when none were.
 */
export function holidaysByRuleNote(years: Iterable<number>, regionOrCalendar: RegionOrCalendar): string | undefined {
  const calendar = resolveCalendar(regionOrCalendar);
  const byRule = [...new Set(years)].filter((y) => isYearByRule(y, calendar)).sort((a, b) => a - b);
  if (!byRule.length) return undefined;
  const list = byRule.length === 1 ? String(byRule[0]) : `${byRule.slice(0, -1).join(', ')} and ${byRule[byRule.length - 1]}`;
  return (
    `${REGION_NAMES[calendar.region]} bank holidays for ${list} are computed by rule (provisional: a one-off holiday proclaimed later is not known); ` +
    `load the published list (${HOLIDAYS_SOURCE_URL}) with \`pledge due --holidays FILE\`, the service's PLEDGE_HOLIDAYS_FILE setting, or withHolidays()`
  );
}

/** The years a run of consecutive days from `from` to `to` (inclusive) touches. */
export function yearsBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = Math.min(from, to); y <= Math.max(from, to); y++) out.push(y);
  return out;
}
