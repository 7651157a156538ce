import { addDays, dayOfWeek, formatIso, type CalendarDate } from '../date-math.js';
import type { Holiday } from '../holiday-calendar.js';
import type { Region } from '../region.js';

/**
 * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), the date the
 * Church of England and GOV.UK use for Good Friday and Easter Monday.
 */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIso({ year, month, day });
}

/** The first Monday of a month. */
function firstMonday(year: number, month: number): CalendarDate {
  const first = formatIso({ year, month, day: 1 });
  return addDays(first, (8 - dayOfWeek(first)) % 7);
}

/** The last Monday of a month (May and August have 31 days). */
function lastMonday(year: number, month: number): CalendarDate {
  const last = formatIso({ year, month, day: 31 });
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
}

const isWeekend = (date: CalendarDate) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;

/**
 * A region's bank and public holidays for any year, by the rules that fix them:
 *
 * - Banking and Financial Dealings Act 1971 s.1 and Sch 1: England and Wales, Easter Monday, the last Monday in May,
 *   the last Monday in August, 26 December (27 December when 25 or 26 December is a Sunday); Scotland, New Year's Day
 *   and 2 January (3 January when a Sunday), Good Friday, the first Monday in May and in August, Christmas Day (26
 *   December when a Sunday); Northern Ireland, 17 March (18 when a Sunday) and the England and Wales days.
 * - The annual royal proclamations under s.1(3): New Year's Day and the early May holiday (England, Wales and Northern
 *   Ireland), the last Monday in May (Scotland), 12 July, the Battle of the Boyne (Northern Ireland), and the
 *   substitute weekdays for a holiday on a weekend. Good Friday and Christmas Day are common-law holidays in England,
 *   Wales and Northern Ireland.
 * - St Andrew's Day Bank Holiday (Scotland) Act 2007 s.1: 30 November, or the next Monday when it is a weekend.
 *
 * A fixed-date holiday on a Saturday or Sunday moves to the next weekday that is not already a holiday (so Christmas on
 * a Saturday gives Monday 27 and, for Boxing Day, Tuesday 28; and in Scotland a Sunday New Year's Day moves past the
 * Monday 2nd January to Tuesday 3rd), as the proclamations and GOV.UK do.
 *
 * Provisional by nature: a one-off holiday (a coronation, a jubilee) or a moved one (VE Day 2020) is proclaimed later
 * and is not known. Published dates (the shipped data, or GOV.UK's list loaded with withHolidays) always win.
 * Pure and memoised: the same region and year give the same frozen list.
 */
export function bankHolidaysByRule(region: Region, year: number): readonly Holiday[] {
  const key = `${region}|${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const list = compute(region, year);
  if (cache.size > 1000) cache.clear();
  cache.set(key, list);
  return list;
}

const cache = new Map<string, readonly Holiday[]>();

function compute(region: Region, year: number): readonly Holiday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`bankHolidaysByRule: ${year} is not a year from 1 to 9999`);
  const date = (month: number, day: number) => formatIso({ year, month, day });
  const easter = easterSunday(year);
  // Holidays on a moving weekday never fall on a weekend.
  const movable: Holiday[] = [
    { date: addDays(easter, -2), name: 'Good Friday' },
    ...(region === 'scotland' ? [] : [{ date: addDays(easter, 1), name: 'Easter Monday' }]),
    { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: region === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8), name: 'Summer bank holiday' },
  ];
  const fixed: Holiday[] = [
    { date: date(1, 1), name: "New Year's Day" },
    ...(region === 'scotland' ? [{ date: date(1, 2), name: '2nd January' }] : []),
    ...(region === 'northern-ireland' ? [{ date: date(3, 17), name: "St Patrick's Day" }, { date: date(7, 12), name: "Battle of the Boyne (Orangemen's Day)" }] : []),
    ...(region === 'scotland' ? [{ date: date(11, 30), name: "St Andrew's Day" }] : []),
    { date: date(12, 25), name: 'Christmas Day' },
    { date: date(12, 26), name: 'Boxing Day' },
  ];
  // Weekday holidays first, then each weekend one (in date order) takes the next weekday not already a holiday.
  const taken = new Set<CalendarDate>(movable.map((h) => h.date));
  const out: Holiday[] = [...movable];
  for (const h of fixed.filter((x) => !isWeekend(x.date))) {
    taken.add(h.date);
    out.push(h);
  }
  for (const h of fixed.filter((x) => isWeekend(x.date))) {
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, name: `${h.name} (substitute day)` });
  }
  return Object.freeze(out.sort((a, b) => a.date.localeCompare(b.date)).map((h) => Object.freeze(h)));
}
