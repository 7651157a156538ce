import { dayOfWeek, type IsoDate } from './date-math.js';
import { holidayOn, type RegionOrCalendar } from './resolve-calendar.js';

/**
 * Monday to Friday and not a public holiday in the region (ICO right of access guidance: a deadline
 * that falls "on a weekend or a public holiday" moves to the next working day). Throws
 * UnknownHolidayYearError for a year the calendar does not hold, even for a Saturday, so that a gap in
 * the data is found at once rather than on the first weekday that needs it.
 */
export function isWorkingDay(date: IsoDate, region: RegionOrCalendar): boolean {
  const holiday = holidayOn(date, region);
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !holiday;
}
