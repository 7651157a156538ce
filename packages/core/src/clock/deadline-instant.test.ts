import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './date-math.js';
import { deadlineInstant } from './deadline-instant.js';

describe('deadlineInstant: 23:59:59.999 Europe/London', () => {
  it('in GMT (winter) is 23:59:59.999Z', () => {
    expect(deadlineInstant('2026-03-02')).toBe('2026-03-02T23:59:59.999Z');
    expect(deadlineInstant('2026-12-29')).toBe('2026-12-29T23:59:59.999Z');
  });

  it('in BST (summer) is 22:59:59.999Z', () => {
    expect(deadlineInstant('2026-06-01')).toBe('2026-06-01T22:59:59.999Z');
  });

  it('switches on the last Sundays of March and October (the evening of the change day is already in the new time)', () => {
    expect(deadlineInstant('2026-03-28')).toBe('2026-03-28T23:59:59.999Z');
    expect(deadlineInstant('2026-03-29')).toBe('2026-03-29T22:59:59.999Z');
    expect(deadlineInstant('2026-10-24')).toBe('2026-10-24T22:59:59.999Z');
    expect(deadlineInstant('2026-10-25')).toBe('2026-10-25T23:59:59.999Z');
    expect(deadlineInstant('2028-03-26')).toBe('2028-03-26T22:59:59.999Z');
    expect(deadlineInstant('2028-10-29')).toBe('2028-10-29T23:59:59.999Z');
  });

  it('agrees with the platform time-zone database on every day 2024-2030 (test only: the library uses none)', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const n = daysBetween('2024-01-01', '2030-12-31');
    for (let i = 0; i <= n; i++) {
      const date = addDays('2024-01-01', i);
      const instant = new Date(deadlineInstant(date));
      expect(fmt.format(instant), date).toBe(`${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}, 23:59:59`);
      expect(fmt.format(new Date(instant.getTime() + 1)).endsWith('00:00:00'), date).toBe(true);
    }
  });
});
