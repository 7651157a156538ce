import type { CalendarDate } from './date-math.js';
import { nonWorkingReason } from './non-working-reason.js';
import type { RegionOrCalendar } from './resolve-calendar.js';

/**
 * Monday to Friday and not a public holiday in the region (ICO right of access guidance: a deadline
 * that falls "on a weekend or a public holiday" moves to the next working day). A year the calendar
 * holds no published dates for is computed by rule (bankHolidaysByRule), never treated as holiday-free.
 */
export function isWorkingDay(date: CalendarDate, region: RegionOrCalendar): boolean {
  return nonWorkingReason(date, region) === undefined;
}
