import type { CalendarDate } from './date-math.js';
import { nonWorkingReason } from './non-working-reason.js';
import type { RegionOrCalendar } from './resolve-calendar.js';

/**
 * Monday to Friday and not a public holiday in the region (ICO right of access guidance: a deadline
 * that falls "on a weekend or a public holiday" moves to the next working day). Throws
 * UnknownHolidayYearError for a year the calendar does not hold, even for a Saturday, so that a gap in
 * the data is found at once rather than on the first weekday that needs it.
 */
export function isWorkingDay(date: CalendarDate, region: RegionOrCalendar): boolean {
  return nonWorkingReason(date, region) === undefined;
}
