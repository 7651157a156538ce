import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayOfWeek, formatDate, fromEpochDay, parseIsoDate, toEpochDay } from './date-math.js';

describe('calendar dates', () => {
  it('explains why a string is not a date', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow('2026-02-30 is not a date: February 2026 has 28 days');
    expect(() => parseIsoDate('2028-02-30')).toThrow('2028-02-30 is not a date: February 2028 has 29 days');
    expect(() => parseIsoDate('2026-13-01')).toThrow('2026-13-01 is not a date: there is no month 13');
    expect(() => parseIsoDate('31/01/2026')).toThrow('"31/01/2026" is not a date in the form YYYY-MM-DD');
  });

  it('month arithmetic uses the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toMatchObject({ date: '2026-02-28', clamped: true });
    expect(addMonths('2028-01-31', 1).date).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3).date).toBe('2027-02-28');
    expect(addMonths('2026-03-15', 1)).toMatchObject({ date: '2026-04-15', clamped: false });
  });

  it('formats and knows the weekday', () => {
    expect(formatDate('2026-01-31')).toBe('Sat 31 Jan 2026');
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });

  it('epoch days round-trip and agree with UTC Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2900000 }), (n) => {
        const iso = fromEpochDay(n);
        expect(toEpochDay(iso)).toBe(n);
        expect(new Date(n * 86400000).toISOString().slice(0, 10)).toBe(iso);
      }),
    );
  });
});
