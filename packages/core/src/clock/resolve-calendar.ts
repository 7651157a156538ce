import { ClockInputError, UnknownHolidayYearError } from './clock-errors.js';
import { yearOf, type CalendarDate } from './date-math.js';
import type { Holiday, HolidayCalendar } from './holiday-calendar.js';
import { BANK_HOLIDAYS } from './holidays/index.js';
import { isRegion, REGION_NAMES, REGIONS, type Region } from './region.js';

/** A region (its shipped calendar) or a calendar (e.g. one extended with withHolidays()). */
export type RegionOrCalendar = Region | HolidayCalendar;

export function resolveCalendar(regionOrCalendar: RegionOrCalendar): HolidayCalendar {
  if (typeof regionOrCalendar !== 'string') return regionOrCalendar;
  if (!isRegion(regionOrCalendar)) throw new ClockInputError(`"${String(regionOrCalendar)}" is not a region: use one of ${REGIONS.join(', ')}`);
  return BANK_HOLIDAYS[regionOrCalendar];
}

/** The public holiday on a date, or undefined; throws UnknownHolidayYearError when the year is not loaded. */
export function holidayOn(date: CalendarDate, regionOrCalendar: RegionOrCalendar): Holiday | undefined {
  const calendar = resolveCalendar(regionOrCalendar);
  const year = yearOf(date);
  const list = calendar.years[String(year)];
  if (!list) {
    const known = Object.keys(calendar.years).map(Number).sort((a, b) => a - b);
    throw new UnknownHolidayYearError(year, REGION_NAMES[calendar.region], known);
  }
  return list.find((h) => h.date === date);
}
