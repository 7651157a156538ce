import { describe, expect, it } from 'vitest';
import { ClockInputError } from '../clock-errors.js';
import { dayOfWeek } from '../date-math.js';
import { isWorkingDay } from '../is-working-day.js';
import { nextWorkingDay } from '../next-working-day.js';
import { withHolidays } from '../with-holidays.js';
import { REGIONS } from '../region.js';
import { BANK_HOLIDAYS } from './index.js';
import { UK_RULES_YEARS, ukRulesHolidays } from './test-fixtures/uk-rules-section-2.js';

describe('shipped bank holidays 2025-2028 (UK-RULES.md section 2)', () => {
  it('match the rules exactly, with a source and a review date', () => {
    for (const region of REGIONS) {
      const cal = BANK_HOLIDAYS[region];
      expect(Object.keys(cal.years)).toEqual(UK_RULES_YEARS.map(String));
      for (const year of UK_RULES_YEARS) expect(cal.years[String(year)]!.map((h) => h.date)).toEqual(ukRulesHolidays(region, year));
      expect(cal.source).toContain('gov.uk');
      expect(cal.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
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
