import { ClockError, formatDate, OPEN_STATUSES, requestCanExtend, requestDue, type CalendarDate, type ClockSettings, type ExtendDecision, type RequestStatus } from '@pledge/core';
import type { RequestRow } from './apply-action.js';
import { clockStateOf, settingsStoredWith, settingsUsed, type ClockSettingsUsed } from './rights-context.js';

const CITATION = 'UK GDPR Art 12(3)';

/**
 * One request's clock explained, for staff and the printable record: its state, the settings the due date was computed
 * with (those stored with the clock; `settingsStored` false for a row from before they were kept), the steps,
 * warnings and citations, and whether it may be extended today. A read never fails because of the clock: a clock
 * error becomes status "unavailable" with the reason, and a recomputed due date that differs from the stored one
 * (the bank-holiday data changed since, e.g. the published list was loaded) is a warning.
 */
export function requestClockView(row: Pick<RequestRow, 'clock' | 'status' | 'due_date'>, settings: ClockSettings, today: CalendarDate) {
  const state = clockStateOf(row.clock);
  const used: ClockSettingsUsed & { stored: boolean } = { ...settingsUsed(settings), stored: settingsStoredWith(row.clock) !== undefined };
  const open = OPEN_STATUSES.includes(row.status as RequestStatus);
  let due;
  try {
    due = requestDue(state, settings);
  } catch (e) {
    if (!(e instanceof ClockError)) throw e;
    const reason = `The due date cannot be recomputed: ${e.message}. The stored due date${row.due_date ? ` (${formatDate(row.due_date)})` : ''} stands.`;
    return { state, settings: used, status: 'unavailable', steps: [reason], warnings: [], citations: [], holidayYearsByRule: [] as number[], statutoryDueDate: null, promiseDueDate: null, extensionNoticeDeadline: null, canExtend: { allowed: false, reason, citation: CITATION } as ExtendDecision };
  }
  const warnings = due.status === 'waiting' ? [] : [...due.warnings];
  if (due.status === 'due' && row.due_date && due.dueDate !== row.due_date) {
    warnings.push(
      `Recomputed now, the request is due ${formatDate(due.dueDate)}, but its stored due date is ${formatDate(row.due_date)}: the bank-holiday data changed since it was stored ` +
        '(e.g. the published list was loaded). The stored date stands in the queue and reminders until the next action on the request stores the new one.',
    );
  }
  let canExtend: ExtendDecision = { allowed: false, reason: 'The request is closed.', citation: CITATION };
  if (open) {
    try {
      canExtend = requestCanExtend(state, settings, today);
    } catch (e) {
      if (!(e instanceof ClockError)) throw e;
      canExtend = { allowed: false, reason: `Cannot tell: ${e.message}`, citation: CITATION };
    }
  }
  return {
    state,
    settings: used,
    status: due.status as string,
    steps: due.steps,
    warnings,
    citations: due.status === 'waiting' ? [] : due.citations,
    /** Years whose bank holidays were computed by rule (provisional), named in the steps too. */
    holidayYearsByRule: due.status === 'waiting' ? [] : (due.holidayYearsByRule ?? []),
    statutoryDueDate: due.status === 'due' ? due.statutoryDueDate : null,
    promiseDueDate: due.status === 'due' ? (due.promiseDueDate ?? null) : null,
    extensionNoticeDeadline: due.status === 'due' ? due.extensionNoticeDeadline : null,
    canExtend,
  };
}
