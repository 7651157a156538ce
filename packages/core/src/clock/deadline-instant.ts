import { addDays, dayOfWeek, daysInMonth, formatIso, parseIsoDate, type CalendarDate } from './date-math.js';

/** The last Sunday of a month. */
function lastSunday(year: number, month: number): CalendarDate {
  const last = formatIso({ year, month, day: daysInMonth(year, month) });
  return addDays(last, -dayOfWeek(last));
}

/**
 * Whether 23:59 local time on `date` is British Summer Time. The UK moves to BST on the last Sunday of
 * March at 01:00 UTC and back to GMT on the last Sunday of October at 01:00 UTC (Summer Time Act 1972,
 * Summer Time Order 2002), so the evening of the March change day is BST and of the October one is GMT.
 */
export function isBritishSummerTimeAtEndOf(date: CalendarDate): boolean {
  const { year } = parseIsoDate(date);
  return date >= lastSunday(year, 3) && date < lastSunday(year, 10);
}

/**
 * The instant a deadline on `date` ends: 23:59:59.999 in Europe/London, as an ISO instant in UTC.
 * A due date is met by acting at any time on that day (ICO: "until the next working day to respond").
 *
 * @example deadlineInstant('2026-03-02') // '2026-03-02T23:59:59.999Z' (GMT)
 * @example deadlineInstant('2026-06-01') // '2026-06-01T22:59:59.999Z' (BST, UTC+1)
 */
export function deadlineInstant(date: CalendarDate): string {
  return isBritishSummerTimeAtEndOf(date) ? `${date}T22:59:59.999Z` : `${date}T23:59:59.999Z`;
}
