import { InvalidDateError } from './clock-errors.js';

/**
 * A calendar date as "YYYY-MM-DD". The clock works on calendar dates only: no JS Date, no local time
 * zone, so a due date is the same on a server in UTC and in a browser in London or Sydney.
 */
export type CalendarDate = string;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));
const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/**
 * Reads "YYYY-MM-DD" and checks it is a real date, with a message a person can act on:
 * "2026-02-30 is not a date: February 2026 has 28 days".
 */
export function parseIsoDate(text: string): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new InvalidDateError(`${JSON.stringify(text)} is not a date in the form YYYY-MM-DD (e.g. 2026-01-31)`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1) throw new InvalidDateError(`${text} is not a date: there is no year 0`);
  if (month < 1 || month > 12) throw new InvalidDateError(`${text} is not a date: there is no month ${month}`);
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) throw new InvalidDateError(`${text} is not a date: ${MONTHS[month - 1]} ${year} has ${dim} days`);
  return { year, month, day };
}

/** Checks a date string and returns it unchanged; throws InvalidDateError otherwise. */
export function checkIsoDate(text: string): CalendarDate {
  parseIsoDate(text);
  return text;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export const formatIso = ({ year, month, day }: DateParts): CalendarDate => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Days since 1970-01-01 (proleptic Gregorian), by Howard Hinnant's days_from_civil. */
export function toEpochDay(date: CalendarDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of toEpochDay (civil_from_days). */
export function fromEpochDay(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIso({ year, month, day });
}

export const addDays = (date: CalendarDate, days: number): CalendarDate => fromEpochDay(toEpochDay(date) + days);

/** Whole days from a to b (b - a). */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number => toEpochDay(b) - toEpochDay(a);

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export const dayOfWeek = (date: CalendarDate): number => (((toEpochDay(date) + 4) % 7) + 7) % 7;

export const yearOf = (date: CalendarDate): number => parseIsoDate(date).year;

/**
 * The same date `months` later; where that month is too short, its last day (31 Jan + 1 month = 28 or
 * 29 Feb). `clamped` says whether the month-end rule was used.
 */
export function addMonths(date: CalendarDate, months: number): { date: CalendarDate; clamped: boolean; wanted: string } {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const dim = daysInMonth(y, m);
  return { date: formatIso({ year: y, month: m, day: Math.min(day, dim) }), clamped: day > dim, wanted: `${day} ${SHORT_MONTHS[m - 1]} ${y}` };
}

/** "Sat 31 Jan 2026". */
export function formatDate(date: CalendarDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${SHORT_DAYS[dayOfWeek(date)]} ${day} ${SHORT_MONTHS[month - 1]} ${year}`;
}

export const monthName = (month: number): string => MONTHS[month - 1]!;

export const minDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a <= b ? a : b);
export const maxDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b);
