import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOfWeek } from '../date-math.js';
import { REGIONS } from '../region.js';
import { holidayOn, holidaysOfYear, isYearByRule } from '../resolve-calendar.js';
import { withHolidays } from '../with-holidays.js';
import { bankHolidaysByRule, easterSunday } from './by-rule.js';
import { BANK_HOLIDAYS } from './index.js';
import { UK_RULES_YEARS, ukRulesHolidays } from './test-fixtures/uk-rules-section-2.js';

const YEARS = UK_RULES_YEARS;
const dates = (year: number, list: string) => list.split(', ').map((md) => `${year}-${md}`);
const datesByRule = (region: (typeof REGIONS)[number], year: number) => bankHolidaysByRule(region, year).map((h) => h.date);

describe('bank holidays by rule (Banking and Financial Dealings Act 1971 Sch 1, proclamations)', () => {
  it('equal UK-RULES.md section 2 and the shipped data, dates and names, for every region and year 2025-2028', () => {
    for (const region of REGIONS)
      for (const year of YEARS) {
        expect(datesByRule(region, year)).toEqual(ukRulesHolidays(region, year));
        expect(bankHolidaysByRule(region, year)).toEqual(BANK_HOLIDAYS[region].years[String(year)]);
      }
  });

  it('date Easter by the anonymous Gregorian algorithm', () => {
    const known = { 1818: '03-22', 2008: '03-23', 2019: '04-21', 2024: '03-31', 2025: '04-20', 2029: '04-01', 2038: '04-25', 2285: '03-22' };
    for (const [year, md] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(`${year}-${md}`);
  });

  it('match GOV.UK for earlier years without a one-off holiday, substitutes included', () => {
    // 2021: Christmas and Boxing Day on a weekend -> Mon 27 and Tue 28.
    expect(datesByRule('england-and-wales', 2021)).toEqual(dates(2021, '01-01, 04-02, 04-05, 05-03, 05-31, 08-30, 12-27, 12-28'));
    // 2023, Scotland: New Year's Day a Sunday moves past the Monday 2nd January to Tuesday 3rd (GOV.UK; the
    // coronation on 8 May 2023 was a one-off, so it is not computed).
    expect(bankHolidaysByRule('scotland', 2023).slice(0, 2)).toEqual([
      { date: '2023-01-02', name: '2nd January' },
      { date: '2023-01-03', name: "New Year's Day (substitute day)" },
    ]);
    // 2022: Christmas Day a Sunday -> Boxing Day Mon 26, Christmas Day (substitute day) Tue 27.
    expect(bankHolidaysByRule('england-and-wales', 2022).slice(-2)).toEqual([
      { date: '2022-12-26', name: 'Boxing Day' },
      { date: '2022-12-27', name: 'Christmas Day (substitute day)' },
    ]);
  });

  it('2029 computed: Scotland has no Easter Monday; Northern Ireland moves a Saturday St Patrick\'s Day to Monday', () => {
    expect(datesByRule('england-and-wales', 2029)).toEqual(dates(2029, '01-01, 03-30, 04-02, 05-07, 05-28, 08-27, 12-25, 12-26'));
    expect(datesByRule('scotland', 2029)).toEqual(dates(2029, '01-01, 01-02, 03-30, 05-07, 05-28, 08-06, 11-30, 12-25, 12-26'));
    expect(bankHolidaysByRule('northern-ireland', 2029).filter((h) => !datesByRule('england-and-wales', 2029).includes(h.date))).toEqual([
      { date: '2029-03-19', name: "St Patrick's Day (substitute day)" },
      { date: '2029-07-12', name: "Battle of the Boyne (Orangemen's Day)" },
    ]);
  });

  it('every year: weekdays only, distinct, the right number per region, Easter a Sunday in its window (fast-check)', () => {
    const counts = { 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 };
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), fc.constantFrom(...REGIONS), (year, region) => {
        const list = bankHolidaysByRule(region, year);
        expect(list.length).toBe(counts[region]);
        expect(new Set(list.map((h) => h.date)).size).toBe(list.length);
        for (const h of list) {
          expect(h.date.slice(0, 4)).toBe(String(year).padStart(4, '0'));
          expect([0, 6]).not.toContain(dayOfWeek(h.date));
        }
        const easter = easterSunday(year);
        expect(dayOfWeek(easter)).toBe(0);
        expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('published dates always win; other years, before and after, are by rule', () => {
    expect(isYearByRule(2028, 'scotland')).toBe(false);
    expect(isYearByRule(2029, 'scotland')).toBe(true);
    expect(isYearByRule(2024, 'scotland')).toBe(true);
    expect(holidaysOfYear(2024, 'england-and-wales').map((h) => h.date)).toContain('2024-03-29');
    // A loaded year replaces the rule entirely, even where the rule had a holiday.
    const loaded = withHolidays(BANK_HOLIDAYS['england-and-wales'], { years: { 2029: [{ date: '2029-06-01', name: 'One-off' }] } });
    expect(isYearByRule(2029, loaded)).toBe(false);
    expect(holidayOn('2029-06-01', loaded)?.name).toBe('One-off');
    expect(holidayOn('2029-01-01', loaded)).toBeUndefined();
    expect(holidayOn('2029-01-01', 'england-and-wales')?.name).toBe("New Year's Day");
  });
});
