import { addDays, type CalendarDate } from './date-math.js';
import { isWorkingDay } from './is-working-day.js';
import type { RegionOrCalendar } from './resolve-calendar.js';

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: CalendarDate, region: RegionOrCalendar): CalendarDate {
  let d = addDays(date, 1);
  while (!isWorkingDay(d, region)) d = addDays(d, 1);
  return d;
}
