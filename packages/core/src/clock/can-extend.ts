import { CLOCK_CITATIONS } from './citations.js';
import { checkIsoDate, formatDate, type CalendarDate } from './date-math.js';
import { computeDueDate } from './compute-due-date.js';
import type { DueDateInput } from './due-date-types.js';

export type ExtendDecision =
  | { allowed: true; reason: string; /** Tell the person, with reasons, by the end of this day (absent while paused). */ noticeDeadline?: CalendarDate; citation: string }
  | { allowed: false; reason: string; citation: string };

/**
 * Whether the request may still be extended by two months on `today` (UK GDPR Art 12(3)): only while the
 * first month (moved on by pauses) has not ended, because the person must be told, with reasons, within
 * it. Whether the request is complex, or one of a number from the person, is for staff to judge and record.
 */
export function canExtend(input: DueDateInput, today: CalendarDate): ExtendDecision {
  checkIsoDate(today);
  const citation = CLOCK_CITATIONS.extension;
  if (input.extended) return { allowed: false, reason: 'The request is already extended: the law allows one extension of two months.', citation };
  const r = computeDueDate({ ...input, extended: undefined });
  if (r.status === 'paused') {
    return { allowed: true, reason: `The clock is stopped (clarification asked ${formatDate(r.pausedSince)}): the first month has not ended.`, citation };
  }
  if (today > r.extensionNoticeDeadline) {
    return { allowed: false, reason: `The first month ended on ${formatDate(r.extensionNoticeDeadline)}: an extension must be notified within it (Art 12(3)).`, citation };
  }
  return { allowed: true, reason: `Tell the person, with reasons, by the end of ${formatDate(r.extensionNoticeDeadline)}.`, noticeDeadline: r.extensionNoticeDeadline, citation };
}
