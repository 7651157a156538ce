import { CLOCK_CITATIONS } from './citations.js';
import { addDays, checkIsoDate, formatDate, yearOf, type CalendarDate } from './date-math.js';
import { deadlineInstant } from './deadline-instant.js';
import { holidaysByRuleNote, yearsBetween } from './holidays-by-rule-note.js';
import type { RegionOrCalendar } from './resolve-calendar.js';
import { workingDayOnOrAfter } from './working-day-on-or-after.js';

/** The day the duty to acknowledge complaints (DPA 2018 s.164A, inserted by the DUAA 2025) began. */
export const COMPLAINTS_DUTY_FROM: CalendarDate = '2026-06-19';

export interface ComplaintAcknowledgement {
  dueDate: CalendarDate;
  /** 23:59:59.999 Europe/London on dueDate, as an ISO instant. */
  deadline: string;
  /** False for a complaint received before 19 June 2026: the date is then good practice, not a duty. */
  dutyInForce: boolean;
  steps: string[];
  citation: string;
}

/**
 * When a complaint to the controller must be acknowledged: within 30 days of receipt (DPA 2018 s.164A),
 * counted, as the ICO does, from the day after receipt (day 1) to day 30 = receipt + 30 days; a weekend or
 * public holiday end moves to the next working day. Not needed separately when the outcome is sent within
 * the 30 days.
 */
export function complaintAcknowledgementDue(received: CalendarDate, region: RegionOrCalendar): ComplaintAcknowledgement {
  checkIsoDate(received);
  const day30 = addDays(received, 30);
  const steps = [`Complaint received ${formatDate(received)}; day 1 is ${formatDate(addDays(received, 1))}`, `Day 30: ${formatDate(day30)}`];
  const { date, skipped } = workingDayOnOrAfter(day30, region);
  if (skipped.length) steps.push(`${skipped.join('; ')} -> next working day ${formatDate(date)}`);
  const note = holidaysByRuleNote(yearsBetween(yearOf(day30), yearOf(date)), region);
  if (note) steps.push(note);
  const dutyInForce = received >= COMPLAINTS_DUTY_FROM;
  if (!dutyInForce) steps.push(`Received before ${formatDate(COMPLAINTS_DUTY_FROM)}, when s.164A began: good practice, not yet a duty`);
  const deadline = deadlineInstant(date);
  steps.push(`Acknowledge by ${formatDate(date)}, end of the day in Europe/London (${deadline})`);
  return { dueDate: date, deadline, dutyInForce, steps, citation: CLOCK_CITATIONS.complaint };
}
