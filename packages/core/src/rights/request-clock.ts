import { canExtend, type ExtendDecision } from '../clock/can-extend.js';
import { computeDueDate } from '../clock/compute-due-date.js';
import type { CalendarDate } from '../clock/date-math.js';
import type { ClockPause, DueDateInput, DueDateOutcome, PauseCounting, PeriodMethod, RelevantTimeEvent } from '../clock/due-date-types.js';
import type { RegionOrCalendar } from '../clock/resolve-calendar.js';
import { parseDuration } from '../law/duration.js';

/** What the period waits for before it starts (Art 12A: the relevant time is the latest of these arrivals). */
export type WaitingFor = 'identity' | 'authority' | 'fee';

const WAITING_WORDS: Record<WaitingFor, string> = {
  identity: 'proof of identity (Art 12(6))',
  authority: 'evidence of authority to act for the person (Art 12A)',
  fee: 'payment of the fee (Art 12(5))',
};

/** What a stored request knows about its clock: the dates only, no personal data. */
export interface RequestClockState {
  /** The day the request was received (Europe/London), day 0. */
  receivedOn: CalendarDate;
  /** Identity, authority and fee arrivals (Art 12(6), Art 12A), including the email confirmation. */
  relevantTimeEvents: readonly RelevantTimeEvent[];
  pauses: readonly ClockPause[];
  /** Set once the request is extended (Art 12(3)). */
  extension: { on: CalendarDate; reason: string } | null;
  /** Proof of identity, evidence of authority or a fee asked for and not yet received: the period has not started (Art 12(6), 12A, 12(5)). */
  waitingFor: WaitingFor | null;
}

export interface ClockSettings {
  region: RegionOrCalendar;
  method?: PeriodMethod;
  pauseCounting?: PauseCounting;
  /** The declaration's shorter promise (see promiseFromResponsePeriod). */
  promise?: DueDateInput['promise'];
}

export type RequestDue = DueDateOutcome | { status: 'waiting'; dueDate: null; waitingFor: WaitingFor; steps: string[] };

/**
 * The declaration's `rights.response_period` as a promise the clock can honour. Only a promise written in days or
 * weeks can be shorter than the law's month ("within 30 days"); "1 month" is the law itself, and a longer period
 * cannot extend the law (Art 12(3)), so neither becomes a promise. Unreadable text ("TBC") gives none: the law applies.
 */
export function promiseFromResponsePeriod(text: string | undefined): DueDateInput['promise'] | undefined {
  if (!text) return undefined;
  const d = parseDuration(text);
  if (!d || d.amount < 1) return undefined;
  if (d.unit === 'day') return { days: d.amount };
  if (d.unit === 'week') return { days: d.amount * 7 };
  return undefined;
}

/** The clock input for a request's current state. */
export function requestClockInput(state: RequestClockState, settings: ClockSettings): DueDateInput {
  return {
    received: state.receivedOn,
    region: settings.region,
    relevantTimeEvents: state.relevantTimeEvents,
    pauses: state.pauses,
    ...(state.extension ? { extended: { on: state.extension.on, reason: state.extension.reason } } : {}),
    ...(settings.method ? { method: settings.method } : {}),
    ...(settings.pauseCounting ? { pauseCounting: settings.pauseCounting } : {}),
    ...(settings.promise ? { promise: settings.promise } : {}),
  };
}

/**
 * When the request is due now. While proof of identity or a fee is awaited the period has not begun, so there is no
 * due date (Art 12(6): the controller may ask for the information; Art 12A: the relevant time is its receipt).
 */
export function requestDue(state: RequestClockState, settings: ClockSettings): RequestDue {
  if (state.waitingFor) {
    const what = WAITING_WORDS[state.waitingFor];
    return { status: 'waiting', dueDate: null, waitingFor: state.waitingFor, steps: [`Received ${state.receivedOn}; waiting for ${what}: the period starts on the day it arrives`] };
  }
  return computeDueDate(requestClockInput(state, settings));
}

/** Whether the request may be extended today (Art 12(3): only within the first month, moved on by pauses). */
export function requestCanExtend(state: RequestClockState, settings: ClockSettings, today: CalendarDate): ExtendDecision {
  if (state.extension) return canExtend({ ...requestClockInput(state, settings), extended: { on: state.extension.on } }, today);
  if (state.waitingFor) {
    return { allowed: false, reason: `The period has not started (waiting for ${WAITING_WORDS[state.waitingFor].replace(/ \(.*\)$/, '')}): there is nothing to extend yet.`, citation: 'UK GDPR Art 12(3)' };
  }
  return canExtend(requestClockInput(state, settings), today);
}
