import type { CalendarDate } from './date-math.js';
import type { RegionOrCalendar } from './resolve-calendar.js';

/** Something whose arrival moves the relevant time (UK GDPR Art 12A; Art 12(6) identity). */
export interface RelevantTimeEvent {
  kind: 'identity_received' | 'authority_received' | 'fee_paid';
  date: CalendarDate;
}

/** A request for clarification: the clock stops from the ask until the answer (ICO "stop the clock"). */
export interface ClockPause {
  askedOn: CalendarDate;
  /** Absent while the person has not answered: the request is paused and has no due date. */
  answeredOn?: CalendarDate;
}

/** How the days of a pause are counted (unsettled in law; see UK-RULES.md section 1). */
export type PauseCounting = 'resume_day_after_answer' | 'both_days_paused';

export type PeriodMethod = 'calendar_month' | 'fixed_28_days';

export interface DueDateInput {
  /** Day the request was received: day 0, even when not a working day. */
  received: CalendarDate;
  /** The region whose public holidays count, or a calendar extended with withHolidays(); years without published dates are computed by rule. */
  region: RegionOrCalendar;
  /** Identity, authority or fee received later: the period runs from the latest of these and receipt. */
  relevantTimeEvents?: readonly RelevantTimeEvent[];
  pauses?: readonly ClockPause[];
  /** Days the clock was stopped, already counted elsewhere (e.g. `pledge due --paused-days 7`). */
  pausedDays?: number;
  /**
   * The request was extended by two months (Art 12(3)). `on` is when the person was told; without it the
   * notice deadline is not checked (a what-if). `reason`: complexity or number of requests.
   */
  extended?: { on?: CalendarDate; reason?: string };
  /** 'calendar_month' (default, the ICO's method) or 'fixed_28_days' (also accepted by the ICO). */
  method?: PeriodMethod;
  /** Default 'resume_day_after_answer' (20 Feb -> 27 Feb = 7 days): the earlier due date. */
  pauseCounting?: PauseCounting;
  /**
   * The declaration's own promise, e.g. { days: 30 }: the stricter of the promise and the law applies.
   * `roll` (unsettled): where a promised day is not a working day, keep the promise by the previous
   * working day (default, never later than promised) or allow the next one as the law does.
   */
  promise?: { days?: number; months?: number; roll?: 'previous_working_day' | 'next_working_day' };
}

interface DueDateCommon {
  /** The start of the period (day 0): the latest of receipt and the relevant-time events. */
  relevantTime: CalendarDate;
  /** Paused days counted for the date that applies. */
  pausedDays: number;
  method: PeriodMethod;
  /** The human explanation, one line per step, holidays named. */
  steps: string[];
  /** Inputs the computation ignored, e.g. a pause asked after the deadline had passed. */
  warnings: string[];
  citations: string[];
  /**
   * Years whose holidays the computation looked at and found no published dates for, so computed by rule
   * (provisional: a one-off holiday proclaimed later is not known); absent when every year was published.
   */
  holidayYearsByRule?: number[];
}

export interface DueDateResult extends DueDateCommon {
  status: 'due';
  /** The date the reply is due, by the end of the day Europe/London. */
  dueDate: CalendarDate;
  /** deadlineInstant(dueDate): 23:59:59.999 Europe/London as an ISO instant. */
  deadline: string;
  /** Which rule gave dueDate: the law (one month, or three when extended) or the declaration's shorter promise. */
  applied: 'statutory' | 'promise';
  /** The law's one-month (or 28-day) due date, without extension. */
  statutoryDueDate: CalendarDate;
  promiseDueDate?: CalendarDate;
  /** The law's three-month date, when the request was (validly) extended. */
  extendedDueDate?: CalendarDate;
  /** The person must be told of an extension, with reasons, by the end of this day: the end of the first month, moved by pauses. */
  extensionNoticeDeadline: CalendarDate;
}

export interface PausedResult extends DueDateCommon {
  status: 'paused';
  dueDate: null;
  /** The day clarification was asked for and not yet answered. */
  pausedSince: CalendarDate;
}

export type DueDateOutcome = DueDateResult | PausedResult;
