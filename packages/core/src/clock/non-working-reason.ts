import { dayOfWeek, DAY_NAMES, formatDate, type CalendarDate } from './date-math.js';
import { holidayOn, type RegionOrCalendar } from './resolve-calendar.js';

/** Why a day is not a working day ("Fri 25 Dec 2026 is a bank holiday: Christmas Day"), or undefined for a working day. */
export function nonWorkingReason(date: CalendarDate, region: RegionOrCalendar): string | undefined {
  const holiday = holidayOn(date, region);
  if (holiday) return `${formatDate(date)} is a bank holiday: ${holiday.name}`;
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return `${formatDate(date)} is a ${DAY_NAMES[dow]}`;
  return undefined;
}
