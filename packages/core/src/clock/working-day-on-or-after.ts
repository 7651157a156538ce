import { addDays, type CalendarDate } from './date-math.js';
import { nonWorkingReason } from './non-working-reason.js';
import type { RegionOrCalendar } from './resolve-calendar.js';

/**
 * `date` if it is a working day, else the next working day, with the reason for each day skipped:
 * "Fri 25 Dec 2026 is a bank holiday: Christmas Day". A period that ends on a weekend or public holiday
 * runs to the end of the next working day (ICO right of access guidance, "How long do we have to comply?").
 */
export function workingDayOnOrAfter(date: CalendarDate, region: RegionOrCalendar): { date: CalendarDate; skipped: string[] } {
  const skipped: string[] = [];
  let d = date;
  for (let reason = nonWorkingReason(d, region); reason; reason = nonWorkingReason(d, region)) {
    skipped.push(reason);
    d = addDays(d, 1);
  }
  return { date: d, skipped };
}
