import { addDays, dayOfWeek, DAY_NAMES, formatDate, type IsoDate } from './date-math.js';
import { holidayOn, type RegionOrCalendar } from './resolve-calendar.js';

/**
 * `date` if it is a working day, else the next working day, with the reason for each day skipped:
 * "Fri 25 Dec 2026 is a bank holiday (Christmas Day)". A period that ends on a weekend or public holiday
 * runs to the end of the next working day (ICO right of access guidance, "How long do we have to comply?").
 */
export function workingDayOnOrAfter(date: IsoDate, region: RegionOrCalendar): { date: IsoDate; skipped: string[] } {
  const skipped: string[] = [];
  let d = date;
  for (;;) {
    const holiday = holidayOn(d, region);
    const dow = dayOfWeek(d);
    if (holiday) skipped.push(`${formatDate(d)} is a bank holiday (${holiday.name})`);
    else if (dow === 0 || dow === 6) skipped.push(`${formatDate(d)} is a ${DAY_NAMES[dow]}`);
    else return { date: d, skipped };
    d = addDays(d, 1);
  }
}
