import { ClockInputError } from './clock-errors.js';
import { yearOf, type CalendarDate } from './date-math.js';
import type { Holiday, HolidayCalendar } from './holiday-calendar.js';
import { bankHolidaysByRule } from './holidays/by-rule.js';
import { BANK_HOLIDAYS } from './holidays/index.js';
import { isRegion, REGIONS, type Region } from './region.js';

/** A region (its shipped calendar) or a calendar (e.g. one extended with withHolidays()). */
export type RegionOrCalendar = Region | HolidayCalendar;

export function resolveCalendar(regionOrCalendar: RegionOrCalendar): HolidayCalendar {
  if (typeof regionOrCalendar !== 'string') return regionOrCalendar;
  if (!isRegion(regionOrCalendar)) throw new ClockInputError(`"${String(regionOrCalendar)}" is not a region: use one of ${REGIONS.join(', ')}`);
  return BANK_HOLIDAYS[regionOrCalendar];
}

/**
 * True when the calendar holds no published dates for the year, so its holidays are computed by rule (provisional:
 * a one-off holiday proclaimed later is not known).
 */
export function isYearByRule(year: number, regionOrCalendar: RegionOrCalendar): boolean {
  return resolveCalendar(regionOrCalendar).years[String(year)] === undefined;
}

/** A year's holidays: the published ones the calendar holds, else those computed by rule. */
export function holidaysOfYear(year: number, regionOrCalendar: RegionOrCalendar): readonly Holiday[] {
  const calendar = resolveCalendar(regionOrCalendar);
  return calendar.years[String(year)] ?? bankHolidaysByRule(calendar.region, year);
}

/** The public holiday on a date, or undefined. Years the calendar does not hold are computed by rule (isYearByRule). */
export function holidayOn(date: CalendarDate, regionOrCalendar: RegionOrCalendar): Holiday | undefined {
  return holidaysOfYear(yearOf(date), regionOrCalendar).find((h) => h.date === date);
}
