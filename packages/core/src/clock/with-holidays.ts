import { ClockInputError } from './clock-errors.js';
import { checkIsoDate, yearOf, type CalendarDate } from './date-math.js';
import type { Holiday, HolidayCalendar } from './holiday-calendar.js';

export interface HolidayYears {
  /** Holidays by year: every year given becomes known, and replaces any dates already held for it. */
  years: Record<string | number, readonly Holiday[]>;
  /** Where the new dates come from; appended to the calendar's source. */
  source?: string;
  /** When the new dates were checked; the calendar keeps the latest review date. */
  reviewed?: CalendarDate;
}

/**
 * Returns a new calendar with more years loaded (e.g. from https://www.gov.uk/bank-holidays.json).
 * Nothing global changes: pass the returned calendar to the computations. A year given replaces that
 * year's dates entirely, so a corrected list for a provisional year is loaded the same way.
 *
 * @example withHolidays(BANK_HOLIDAYS['england-and-wales'], { years: { 2029: [{ date: '2029-01-01', name: "New Year's Day" }] }, source: 'GOV.UK', reviewed: '2028-11-01' })
 */
export function withHolidays(calendar: HolidayCalendar, extra: HolidayYears): HolidayCalendar {
  const years: Record<string, readonly Holiday[]> = { ...calendar.years };
  for (const [key, list] of Object.entries(extra.years)) {
    if (!/^\d{4}$/.test(key)) throw new ClockInputError(`withHolidays: "${key}" is not a year`);
    for (const h of list) {
      checkIsoDate(h.date);
      if (yearOf(h.date) !== Number(key)) throw new ClockInputError(`withHolidays: ${h.date} (${h.name}) is listed under ${key}`);
      if (!h.name?.trim()) throw new ClockInputError(`withHolidays: the holiday on ${h.date} has no name`);
    }
    years[key] = Object.freeze([...list].map((h) => Object.freeze({ date: h.date, name: h.name })).sort((a, b) => a.date.localeCompare(b.date)));
  }
  if (extra.reviewed !== undefined) checkIsoDate(extra.reviewed);
  return Object.freeze({
    region: calendar.region,
    source: extra.source ? `${calendar.source}; ${extra.source}` : calendar.source,
    reviewed: extra.reviewed && extra.reviewed > calendar.reviewed ? extra.reviewed : calendar.reviewed,
    years: Object.freeze(years),
  });
}
