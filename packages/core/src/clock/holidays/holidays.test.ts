import { describe, expect, it } from 'vitest';
import { ClockInputError } from '../clock-errors.js';
import { dayOfWeek } from '../date-math.js';
import { isWorkingDay } from '../is-working-day.js';
import { nextWorkingDay } from '../next-working-day.js';
import { withHolidays } from '../with-holidays.js';
import { BANK_HOLIDAYS } from './index.js';

// Copied from UK-RULES.md section 2, so a change to the data must be a deliberate change here too.
const RULES = {
  'england-and-wales': {
    2025: '01-01, 04-18, 04-21, 05-05, 05-26, 08-25, 12-25, 12-26',
    2026: '01-01, 04-03, 04-06, 05-04, 05-25, 08-31, 12-25, 12-28',
    2027: '01-01, 03-26, 03-29, 05-03, 05-31, 08-30, 12-27, 12-28',
    2028: '01-03, 04-14, 04-17, 05-01, 05-29, 08-28, 12-25, 12-26',
  },
  scotland: {
    2025: '01-01, 01-02, 04-18, 05-05, 05-26, 08-04, 12-01, 12-25, 12-26',
    2026: '01-01, 01-02, 04-03, 05-04, 05-25, 08-03, 11-30, 12-25, 12-28',
    2027: '01-01, 01-04, 03-26, 05-03, 05-31, 08-02, 11-30, 12-27, 12-28',
    2028: '01-03, 01-04, 04-14, 05-01, 05-29, 08-07, 11-30, 12-25, 12-26',
  },
} as const;
const NI_EXTRA = { 2025: '03-17, 07-14', 2026: '03-17, 07-13', 2027: '03-17, 07-12', 2028: '03-17, 07-12' } as const;

const dates = (year: number, list: string) => list.split(', ').map((md) => `${year}-${md}`);

describe('shipped bank holidays 2025-2028 (UK-RULES.md section 2)', () => {
  it('match the rules exactly, with a source and a review date', () => {
    for (const region of ['england-and-wales', 'scotland'] as const) {
      const cal = BANK_HOLIDAYS[region];
      expect(Object.keys(cal.years)).toEqual(['2025', '2026', '2027', '2028']);
      for (const [year, list] of Object.entries(RULES[region])) expect(cal.years[year]!.map((h) => h.date)).toEqual(dates(Number(year), list));
      expect(cal.source).toContain('gov.uk');
      expect(cal.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const [year, extra] of Object.entries(NI_EXTRA)) {
      const expected = [...dates(Number(year), RULES['england-and-wales'][year as unknown as 2025]), ...dates(Number(year), extra)].sort();
      expect(BANK_HOLIDAYS['northern-ireland'].years[year]!.map((h) => h.date)).toEqual(expected);
    }
  });

  it('every holiday is a weekday with a name', () => {
    for (const cal of Object.values(BANK_HOLIDAYS))
      for (const list of Object.values(cal.years))
        for (const h of list) {
          expect(h.name.length).toBeGreaterThan(0);
          expect([0, 6]).not.toContain(dayOfWeek(h.date));
        }
  });

  it('isWorkingDay and nextWorkingDay', () => {
    expect(isWorkingDay('2026-12-25', 'england-and-wales')).toBe(false);
    expect(isWorkingDay('2026-12-26', 'england-and-wales')).toBe(false);
    expect(isWorkingDay('2026-12-29', 'england-and-wales')).toBe(true);
    expect(isWorkingDay('2026-11-30', 'scotland')).toBe(false);
    expect(isWorkingDay('2026-11-30', 'england-and-wales')).toBe(true);
    expect(nextWorkingDay('2026-12-24', 'england-and-wales')).toBe('2026-12-29');
    expect(nextWorkingDay('2026-12-29', 'england-and-wales')).toBe('2026-12-30');
    // Beyond the shipped years, by rule: New Year's Day 2029 is a Monday.
    expect(isWorkingDay('2029-01-01', 'england-and-wales')).toBe(false);
    expect(nextWorkingDay('2028-12-29', 'england-and-wales')).toBe('2029-01-02');
  });

  it('withHolidays returns a new calendar and checks what it is given', () => {
    const base = BANK_HOLIDAYS.scotland;
    const more = withHolidays(base, { years: { 2029: [{ date: '2029-11-30', name: "St Andrew's Day" }] } });
    expect(more).not.toBe(base);
    expect(more.region).toBe('scotland');
    expect(isWorkingDay('2029-11-30', more)).toBe(false);
    expect(base.years['2029']).toBeUndefined();
    expect(() => withHolidays(base, { years: { 2029: [{ date: '2030-01-01', name: 'x' }] } })).toThrow(ClockInputError);
    expect(() => withHolidays(base, { years: { 2029: [{ date: '2029-02-30', name: 'x' }] } })).toThrow('February 2029 has 28 days');
  });
});
