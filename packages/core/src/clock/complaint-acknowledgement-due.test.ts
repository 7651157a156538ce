import { describe, expect, it } from 'vitest';
import { complaintAcknowledgementDue } from './complaint-acknowledgement-due.js';

describe('complaintAcknowledgementDue (DPA 2018 s.164A)', () => {
  it('30 days counted from the day after receipt', () => {
    const r = complaintAcknowledgementDue('2026-07-01', 'england-and-wales');
    expect(r.dueDate).toBe('2026-07-31');
    expect(r.dutyInForce).toBe(true);
    expect(r.steps[0]).toBe('Complaint received Wed 1 Jul 2026; day 1 is Thu 2 Jul 2026');
    expect(r.deadline).toBe('2026-07-31T22:59:59.999Z');
  });

  it('a weekend or holiday end moves to the next working day', () => {
    expect(complaintAcknowledgementDue('2026-11-25', 'england-and-wales').dueDate).toBe('2026-12-29');
    // Day 30 = Sun 12 Jul 2026; Mon 13 Jul is a holiday in Northern Ireland only.
    expect(complaintAcknowledgementDue('2026-06-12', 'england-and-wales').dueDate).toBe('2026-07-13');
    expect(complaintAcknowledgementDue('2026-06-12', 'northern-ireland').dueDate).toBe('2026-07-14');
    expect(complaintAcknowledgementDue('2026-10-31', 'scotland').dueDate).toBe('2026-12-01');
  });

  it('says when the holidays of a year are computed by rule (provisional)', () => {
    // Day 30 = Sat 30 Dec 2028 -> Tue 2 Jan 2029 (New Year's Day 2029 by rule).
    const r = complaintAcknowledgementDue('2028-11-30', 'england-and-wales');
    expect(r.dueDate).toBe('2029-01-02');
    expect(r.steps.some((s) => s.startsWith('England and Wales bank holidays for 2029 are computed by rule (provisional'))).toBe(true);
    expect(complaintAcknowledgementDue('2026-07-01', 'england-and-wales').steps.join()).not.toContain('computed by rule');
  });

  it('says when the duty was not yet in force (before 19 June 2026)', () => {
    const r = complaintAcknowledgementDue('2026-06-18', 'england-and-wales');
    expect(r.dutyInForce).toBe(false);
    expect(complaintAcknowledgementDue('2026-06-19', 'england-and-wales').dutyInForce).toBe(true);
  });
});
