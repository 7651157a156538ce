import { describe, expect, it } from 'vitest';
import { canExtend } from './can-extend.js';
import { computeDueDate } from './compute-due-date.js';
import type { DueDateInput, DueDateOutcome, DueDateResult } from './due-date-types.js';
import { BANK_HOLIDAYS } from './holidays/index.js';
import { withHolidays } from './with-holidays.js';

const due = (input: DueDateInput): DueDateResult => {
  const r: DueDateOutcome = computeDueDate(input);
  if (r.status !== 'due') throw new Error(`expected a due date, got ${r.status}`);
  return r;
};
const ew = (received: string, more: Partial<DueDateInput> = {}) => due({ received, region: 'england-and-wales', ...more });

describe('UK-RULES.md section 1 worked examples (England & Wales)', () => {
  it('received 31 Jan 2026 -> 28 Feb 2026 is a Saturday -> due Mon 2 Mar 2026', () => {
    const r = ew('2026-01-31');
    expect(r.dueDate).toBe('2026-03-02');
    expect(r.applied).toBe('statutory');
    expect(r.steps[0]).toBe('Received Sat 31 Jan 2026 (day 0)');
    expect(r.steps).toContain('One month (Art 12(3)). Same date next month: there is no 31 Feb 2026 -> last day of February, Sat 28 Feb 2026');
    expect(r.steps).toContain('Sat 28 Feb 2026 is a Saturday; Sun 1 Mar 2026 is a Sunday -> next working day Mon 2 Mar 2026');
  });

  it('received 31 Jan 2028 -> due Tue 29 Feb 2028 (leap year)', () => {
    expect(ew('2028-01-31').dueDate).toBe('2028-02-29');
  });

  it('received 1 Jan 2026 -> 1 Feb is a Sunday -> due Mon 2 Feb 2026 (day 0 is a bank holiday and still counts)', () => {
    expect(ew('2026-01-01').dueDate).toBe('2026-02-02');
  });

  it('received 25 Nov 2026 -> 25 Dec (Fri, holiday), 28 Dec (substitute holiday) -> due Tue 29 Dec 2026', () => {
    const r = ew('2026-11-25');
    expect(r.dueDate).toBe('2026-12-29');
    expect(r.steps).toContain(
      'Fri 25 Dec 2026 is a bank holiday: Christmas Day; Sat 26 Dec 2026 is a Saturday; Sun 27 Dec 2026 is a Sunday; Mon 28 Dec 2026 is a bank holiday: Boxing Day (substitute day) -> next working day Tue 29 Dec 2026',
    );
  });

  it('received 31 Mar 2026 -> due Thu 30 Apr 2026', () => {
    expect(ew('2026-03-31').dueDate).toBe('2026-04-30');
  });

  it('received 31 Jan 2028, extended -> 30 Apr 2028 (Sun), 1 May (holiday) -> due Tue 2 May 2028', () => {
    const r = ew('2028-01-31', { extended: { on: '2028-02-10', reason: 'complex: several systems' } });
    expect(r.dueDate).toBe('2028-05-02');
    expect(r.extendedDueDate).toBe('2028-05-02');
    expect(r.statutoryDueDate).toBe('2028-02-29');
    expect(r.extensionNoticeDeadline).toBe('2028-02-29');
    expect(r.steps.join('\n')).toContain('Mon 1 May 2028 is a bank holiday: Early May bank holiday -> next working day Tue 2 May 2028');
  });
});

describe('regions', () => {
  it('Scotland: a deadline on St Andrew\'s Day (Mon 30 Nov 2026) moves to Tue 1 Dec; not in England & Wales', () => {
    expect(due({ received: '2026-10-30', region: 'scotland' }).dueDate).toBe('2026-12-01');
    expect(ew('2026-10-30').dueDate).toBe('2026-11-30');
    expect(due({ received: '2026-10-30', region: 'scotland' }).steps.join('\n')).toContain("bank holiday: St Andrew's Day");
  });

  it('Scotland: Easter Monday is a working day there', () => {
    expect(ew('2026-03-06').dueDate).toBe('2026-04-07');
    expect(due({ received: '2026-03-06', region: 'scotland' }).dueDate).toBe('2026-04-06');
  });

  it('Northern Ireland: a deadline on Mon 13 Jul 2026 (the Twelfth, substitute day) moves to Tue 14 Jul', () => {
    expect(due({ received: '2026-06-13', region: 'northern-ireland' }).dueDate).toBe('2026-07-14');
    expect(ew('2026-06-13').dueDate).toBe('2026-07-13');
  });

  it('Northern Ireland: St Patrick\'s Day', () => {
    expect(due({ received: '2026-02-17', region: 'northern-ireland' }).dueDate).toBe('2026-03-18');
    expect(ew('2026-02-17').dueDate).toBe('2026-03-17');
  });
});

describe('fixed 28-day method (ICO alternative)', () => {
  it('counts 28 days from day 0, then rolls to a working day', () => {
    const r = ew('2026-01-01', { method: 'fixed_28_days' });
    expect(r.dueDate).toBe('2026-01-29');
    expect(r.steps).toContain('Fixed 28-day period: day 28 is Thu 29 Jan 2026');
    expect(ew('2026-01-31', { method: 'fixed_28_days' }).dueDate).toBe('2026-03-02');
  });

  it('extended under the fixed method: 3 x 28 = 84 days', () => {
    expect(ew('2026-01-01', { method: 'fixed_28_days', extended: {} }).dueDate).toBe('2026-03-26');
  });

  it('can be 6 days earlier than the calendar month (so "month <= 28 days + 3" is not an invariant once holidays roll)', () => {
    expect(ew('2026-11-25', { method: 'fixed_28_days' }).dueDate).toBe('2026-12-23');
    expect(ew('2026-11-25').dueDate).toBe('2026-12-29');
  });
});

describe('stopping the clock for clarification', () => {
  const pause = [{ askedOn: '2026-02-20', answeredOn: '2026-02-27' }];

  it('20 Feb -> 27 Feb is 7 days by default (the clock resumes the day after the answer)', () => {
    const r = ew('2026-02-10', { pauses: pause });
    expect(r.pausedDays).toBe(7);
    expect(r.dueDate).toBe('2026-03-17');
    expect(r.steps).toContain('Add 7 paused days: Tue 10 Mar 2026 + 7 = Tue 17 Mar 2026');
  });

  it('20 Feb -> 27 Feb is 8 days when both days count as paused', () => {
    const r = ew('2026-02-10', { pauses: pause, pauseCounting: 'both_days_paused' });
    expect(r.pausedDays).toBe(8);
    expect(r.dueDate).toBe('2026-03-18');
  });

  it('adds the paused days to the unrolled month end, then rolls (31 Jan 2026 + 2 paused days: 28 Feb + 2 = Mon 2 Mar)', () => {
    const r = ew('2026-01-31', { pauses: [{ askedOn: '2026-02-02', answeredOn: '2026-02-04' }] });
    expect(r.dueDate).toBe('2026-03-02');
    const r3 = ew('2026-01-31', { pausedDays: 3 });
    expect(r3.dueDate).toBe('2026-03-03');
  });

  it('moves the extension notice deadline too', () => {
    const r = ew('2026-02-10', { pauses: pause });
    expect(r.extensionNoticeDeadline).toBe('2026-03-17');
  });

  it('an unanswered request for clarification means the request is paused, with no due date', () => {
    const r = computeDueDate({ received: '2026-02-10', region: 'england-and-wales', pauses: [{ askedOn: '2026-02-20' }] });
    expect(r.status).toBe('paused');
    expect(r.dueDate).toBeNull();
    if (r.status === 'paused') expect(r.pausedSince).toBe('2026-02-20');
    expect(r.steps.join('\n')).toContain('not yet answered: the request is paused');
  });

  it('a pause asked after the period ended does not stop the clock', () => {
    const r = ew('2026-01-05', { pauses: [{ askedOn: '2026-02-10', answeredOn: '2026-02-20' }] });
    expect(r.dueDate).toBe('2026-02-05');
    expect(r.warnings[0]).toContain('after the period had ended');
  });

  it('overlapping pauses count each day once', () => {
    const r = ew('2026-02-10', { pauses: [pause[0]!, { askedOn: '2026-02-25', answeredOn: '2026-02-27' }] });
    expect(r.pausedDays).toBe(7);
  });

  it('refuses an answer before the question', () => {
    expect(() => ew('2026-02-10', { pauses: [{ askedOn: '2026-02-20', answeredOn: '2026-02-19' }] })).toThrow(/answered on 2026-02-19, before it was asked/);
  });
});

describe('relevant time (Art 12(6), Art 12A)', () => {
  it('identity proof received later moves day 0', () => {
    const r = ew('2026-01-05', { relevantTimeEvents: [{ kind: 'identity_received', date: '2026-01-12' }] });
    expect(r.relevantTime).toBe('2026-01-12');
    expect(r.dueDate).toBe('2026-02-12');
    expect(r.steps[1]).toBe('Identity information received (Art 12(6)) Mon 12 Jan 2026: the period now runs from this day (day 0)');
  });

  it('the latest of receipt, identity, authority and fee', () => {
    const r = ew('2026-01-05', {
      relevantTimeEvents: [
        { kind: 'fee_paid', date: '2026-01-20' },
        { kind: 'identity_received', date: '2026-01-12' },
        { kind: 'authority_received', date: '2026-01-03' },
      ],
    });
    expect(r.relevantTime).toBe('2026-01-20');
    expect(r.dueDate).toBe('2026-02-20');
  });
});

describe('the stricter of the promise and the law', () => {
  it('a promise of 30 days is stricter than the law in a 31-day month', () => {
    const r = ew('2026-03-01', { promise: { days: 30 } });
    expect(r.statutoryDueDate).toBe('2026-04-01');
    expect(r.promiseDueDate).toBe('2026-03-31');
    expect(r.dueDate).toBe('2026-03-31');
    expect(r.applied).toBe('promise');
  });

  it('but not in February', () => {
    const r = ew('2026-02-01', { promise: { days: 30 } });
    expect(r.statutoryDueDate).toBe('2026-03-02');
    expect(r.promiseDueDate).toBe('2026-03-03');
    expect(r.dueDate).toBe('2026-03-02');
    expect(r.applied).toBe('statutory');
  });

  it('keeps the promise by the previous working day by default, or the next one when set', () => {
    // 2 Jan 2026 + 30 = Sun 1 Feb.
    expect(ew('2026-01-02', { promise: { days: 30 } }).promiseDueDate).toBe('2026-01-30');
    expect(ew('2026-01-02', { promise: { days: 30, roll: 'next_working_day' } }).promiseDueDate).toBe('2026-02-02');
  });

  it('an extension replaces the promise', () => {
    const r = ew('2026-03-01', { promise: { days: 30 }, extended: { on: '2026-03-10', reason: 'complex' } });
    expect(r.dueDate).toBe('2026-06-01');
    expect(r.applied).toBe('statutory');
  });
});

describe('extension (Art 12(3))', () => {
  it('is impossible once the first month has passed', () => {
    const input: DueDateInput = { received: '2026-01-31', region: 'england-and-wales' };
    expect(canExtend(input, '2026-03-02')).toMatchObject({ allowed: true, noticeDeadline: '2026-03-02' });
    expect(canExtend(input, '2026-03-03')).toMatchObject({ allowed: false });
    expect(canExtend(input, '2026-03-03').reason).toContain('The first month ended on Mon 2 Mar 2026');
    expect(canExtend({ ...input, extended: {} }, '2026-02-01').allowed).toBe(false);
    expect(canExtend({ ...input, pauses: [{ askedOn: '2026-02-02' }] }, '2026-04-01').allowed).toBe(true);
  });

  it('an extension recorded after the first month does not apply', () => {
    const r = ew('2026-01-31', { extended: { on: '2026-03-03', reason: 'complex' } });
    expect(r.dueDate).toBe('2026-03-02');
    expect(r.extendedDueDate).toBeUndefined();
    expect(r.warnings[0]).toContain('too late (Art 12(3))');
  });
});

describe('holiday data', () => {
  it('a year without published dates is computed by rule, and the steps say it is provisional and how to load the list', () => {
    // 30 Dec 2028 is a Saturday, 1 Jan 2029 New Year's Day (a Monday, by rule).
    const r = ew('2028-11-30');
    expect(r.dueDate).toBe('2029-01-02');
    expect(r.holidayYearsByRule).toEqual([2029]);
    expect(r.steps).toContain('Sat 30 Dec 2028 is a Saturday; Sun 31 Dec 2028 is a Sunday; Mon 1 Jan 2029 is a bank holiday: New Year\'s Day -> next working day Tue 2 Jan 2029');
    const note = r.steps.find((s) => s.includes('computed by rule'));
    expect(note).toBe(
      'England and Wales bank holidays for 2029 are computed by rule (provisional: a one-off holiday proclaimed later is not known); ' +
        'load the published list (https://www.gov.uk/bank-holidays.json) with `pledge due --holidays FILE`, the service\'s PLEDGE_HOLIDAYS_FILE setting, or withHolidays()',
    );
    // Before the due date's line, so the explanation reads in order.
    expect(r.steps.indexOf(note!)).toBe(r.steps.findIndex((s) => s.startsWith('Due ')) - 1);
    // Years before the shipped data too; within them, no note.
    expect(ew('2024-11-30').holidayYearsByRule).toEqual([2024]);
    expect(ew('2026-01-31').holidayYearsByRule).toBeUndefined();
    expect(ew('2026-01-31').steps.some((s) => s.includes('computed by rule'))).toBe(false);
    // Several years are named together; a paused request says it too.
    expect(ew('2029-11-30', { extended: {} }).steps.join('\n')).toContain('bank holidays for 2029 and 2030 are computed by rule');
    const paused = computeDueDate({ received: '2029-02-01', region: 'scotland', pauses: [{ askedOn: '2029-02-10' }] });
    expect(paused.status).toBe('paused');
    expect(paused.holidayYearsByRule).toEqual([2029]);
    expect(paused.steps.at(-1)).toContain('Scotland bank holidays for 2029 are computed by rule');
  });

  it('more years can be loaded without changing the shipped calendar', () => {
    const calendar = withHolidays(BANK_HOLIDAYS['england-and-wales'], {
      years: { 2029: [{ date: '2029-01-01', name: "New Year's Day" }, { date: '2029-03-30', name: 'Good Friday' }] },
      source: 'test',
      reviewed: '2028-11-01',
    });
    // 15 Jan 2029 is a Monday.
    expect(due({ received: '2028-12-15', region: calendar }).dueDate).toBe('2029-01-15');
    expect(due({ received: '2028-12-15', region: calendar }).holidayYearsByRule).toBeUndefined();
    expect(due({ received: '2029-02-28', region: calendar }).dueDate).toBe('2029-03-28');
    expect(due({ received: '2029-03-01', region: calendar }).dueDate).toBe('2029-04-02');
    expect(BANK_HOLIDAYS['england-and-wales'].years['2029']).toBeUndefined();
    expect(calendar.reviewed).toBe('2028-11-01');
  });

  it('rejects a bad date with the reason', () => {
    expect(() => ew('2026-02-30')).toThrow('2026-02-30 is not a date: February 2026 has 28 days');
  });
});

describe('a promise rolled back to keep it', () => {
  // Found by the property test: a 1-day promise on 1 Jan 2025 in Scotland lands on the 2 Jan holiday. Rolling back
  // would reach day 0, so it rolls forward instead, and never looks at the previous year's holidays.
  it('never steps back onto day 0 or into a year without holiday data', () => {
    const r = computeDueDate({ received: '2025-01-01', region: 'scotland', promise: { days: 1, roll: 'previous_working_day' } });
    expect(r).toMatchObject({ status: 'due', dueDate: '2025-01-03', applied: 'promise' });
    const paused = computeDueDate({ received: '2025-01-01', region: 'scotland', promise: { days: 1, roll: 'previous_working_day' }, pauses: [{ askedOn: '2025-01-01', answeredOn: '2025-01-01' }] });
    expect(paused.dueDate).toBe('2025-01-03');
  });
});
