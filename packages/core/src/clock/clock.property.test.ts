import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complaintAcknowledgementDue } from './complaint-acknowledgement-due.js';
import { computeDueDate } from './compute-due-date.js';
import { addDays, daysBetween } from './date-math.js';
import type { DueDateInput, DueDateResult } from './due-date-types.js';
import { isWorkingDay } from './is-working-day.js';
import { REGIONS } from './region.js';

// Receipts from 2020 to 2080: the shipped 2025-2028 calendars and, before and after them, the years computed by rule.
const FIRST = '2020-01-01';
const date = fc.integer({ min: 0, max: daysBetween(FIRST, '2080-12-31') }).map((n) => addDays(FIRST, n));
const region = fc.constantFrom(...REGIONS);
const pause = fc.record({ after: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 0, max: 20 }) });
const promise = fc.option(
  fc.oneof(
    fc.record({ days: fc.integer({ min: 1, max: 45 }), roll: fc.constantFrom('previous_working_day' as const, 'next_working_day' as const) }),
    fc.record({ months: fc.integer({ min: 1, max: 2 }) }),
  ),
  { nil: undefined },
);
const input = fc
  .record({
    received: date,
    region,
    pauses: fc.array(pause, { maxLength: 3 }),
    identityAfter: fc.option(fc.integer({ min: -5, max: 20 }), { nil: undefined }),
    method: fc.constantFrom('calendar_month' as const, 'fixed_28_days' as const),
    pauseCounting: fc.constantFrom('resume_day_after_answer' as const, 'both_days_paused' as const),
    extended: fc.boolean(),
    promise,
  })
  .map(
    (g): DueDateInput => ({
      received: g.received,
      region: g.region,
      pauses: g.pauses.map((p) => ({ askedOn: addDays(g.received, p.after), answeredOn: addDays(g.received, p.after + p.length) })),
      relevantTimeEvents: g.identityAfter === undefined ? [] : [{ kind: 'identity_received', date: addDays(g.received, g.identityAfter) }],
      method: g.method,
      pauseCounting: g.pauseCounting,
      ...(g.extended ? { extended: {} } : {}),
      ...(g.promise ? { promise: g.promise } : {}),
    }),
  );

const dueOf = (i: DueDateInput): DueDateResult => {
  const r = computeDueDate(i);
  if (r.status !== 'due') throw new Error('paused');
  return r;
};

describe('clock invariants (fast-check)', () => {
  it('a due date is always a working day in the region, and so are the statutory and notice dates', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = dueOf(i);
        for (const d of [r.dueDate, r.statutoryDueDate, r.extensionNoticeDeadline, r.promiseDueDate, r.extendedDueDate]) {
          if (d) expect(isWorkingDay(d, i.region)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a due date is never before receipt, nor on the day of receipt (nor before the relevant time)', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = dueOf(i);
        expect(r.dueDate > i.received).toBe(true);
        expect(r.dueDate > r.relevantTime).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('adding a pause never makes the due date earlier', () => {
    fc.assert(
      fc.property(input, pause, (i, p) => {
        const before = dueOf(i);
        const after = dueOf({ ...i, pauses: [...(i.pauses ?? []), { askedOn: addDays(i.received, p.after), answeredOn: addDays(i.received, p.after + p.length) }] });
        expect(after.dueDate >= before.dueDate).toBe(true);
        expect(after.statutoryDueDate >= before.statutoryDueDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('counting both days of a pause is never earlier than resuming the day after the answer (the default is the earlier date)', () => {
    fc.assert(
      fc.property(input, (i) => {
        const resume = dueOf({ ...i, pauseCounting: 'resume_day_after_answer' });
        const both = dueOf({ ...i, pauseCounting: 'both_days_paused' });
        expect(both.dueDate >= resume.dueDate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('extension never makes the due date earlier', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { extended: _e, ...plain } = i;
        const unextended = dueOf(plain);
        const extended = dueOf({ ...plain, extended: {} });
        expect(extended.dueDate >= unextended.dueDate).toBe(true);
        expect(extended.extensionNoticeDeadline).toBe(unextended.extensionNoticeDeadline);
      }),
      { numRuns: 500 },
    );
  });

  it('a later receipt never gives an earlier due date (monotonic, without pauses)', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 60 }), (i, later) => {
        const base = { ...i, pauses: [], relevantTimeEvents: [] };
        const a = dueOf(base);
        const b = dueOf({ ...base, received: addDays(i.received, later) });
        expect(b.dueDate >= a.dueDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the fixed 28-day method is never later than the calendar month (28 days <= any month; rolling is monotonic)', () => {
    fc.assert(
      fc.property(input, (i) => {
        const fixed = dueOf({ ...i, method: 'fixed_28_days', promise: undefined });
        const month = dueOf({ ...i, method: 'calendar_month', promise: undefined });
        expect(fixed.dueDate <= month.dueDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the date that applies is never later than the law allows; a promise applies only when strictly earlier', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = dueOf(i);
        const law = r.extendedDueDate ?? r.statutoryDueDate;
        expect(r.dueDate <= law).toBe(true);
        if (r.applied === 'promise') expect(r.promiseDueDate! < r.statutoryDueDate && r.dueDate === r.promiseDueDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('without pauses, the due date at most 35 days after day 0', () => {
    fc.assert(
      fc.property(date, region, (received, reg) => {
        const r = dueOf({ received, region: reg });
        const days = daysBetween(received, r.dueDate);
        expect(days).toBeGreaterThanOrEqual(28);
        // 31 days + the longest run of non-working days: 4 (e.g. Fri 25 - Mon 28 Dec 2026, Easter, Sat 1 - Tue 4 Jan 2028 in Scotland).
        expect(days).toBeLessThanOrEqual(31 + 4);
      }),
      { numRuns: 500 },
    );
  });

  it('a complaint acknowledgement is due on a working day, at least 30 days after receipt', () => {
    fc.assert(
      fc.property(date, region, (received, reg) => {
        const r = complaintAcknowledgementDue(received, reg);
        expect(isWorkingDay(r.dueDate, reg)).toBe(true);
        expect(daysBetween(received, r.dueDate)).toBeGreaterThanOrEqual(30);
      }),
      { numRuns: 300 },
    );
  });
});
