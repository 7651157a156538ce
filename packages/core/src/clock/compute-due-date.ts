import { CLOCK_CITATIONS } from './citations.js';
import { ClockInputError } from './clock-errors.js';
import { addDays, addMonths, checkIsoDate, formatDate, monthName, parseIsoDate, toEpochDay, yearOf, type CalendarDate } from './date-math.js';
import { deadlineInstant } from './deadline-instant.js';
import type { ClockPause, DueDateInput, DueDateOutcome, PauseCounting, PeriodMethod, RelevantTimeEvent } from './due-date-types.js';
import { holidaysByRuleNote } from './holidays-by-rule-note.js';
import { nonWorkingReason } from './non-working-reason.js';
import { isYearByRule, resolveCalendar, type RegionOrCalendar } from './resolve-calendar.js';
import { REGION_NAMES } from './region.js';

const EVENT_LABELS: Record<RelevantTimeEvent['kind'], string> = {
  identity_received: 'Identity information received (Art 12(6))',
  authority_received: 'Evidence of authority to act for the person received',
  fee_paid: 'Fee paid (Art 12(5))',
};

type Roll = 'next_working_day' | 'previous_working_day';

/** One period (the first month, the extended period or the promise) run with the pauses that fall inside it. */
type Run =
  | { status: 'due'; unpausedEnd: CalendarDate; end: CalendarDate; due: CalendarDate; pausedDays: number; pauseSteps: string[]; ignored: string[]; rollSteps: string[] }
  | { status: 'paused'; since: CalendarDate; pausedDays: number; pauseSteps: string[]; ignored: string[] };

interface Context {
  region: RegionOrCalendar;
  relevantTime: CalendarDate;
  pauses: readonly ClockPause[];
  counting: PauseCounting;
  givenPausedDays: number;
  /** The years whose holidays the computation looked at: those computed by rule are named in the steps. */
  years: Set<number>;
}

/** Why a day is not a working day (or undefined), noting its year as looked at. */
function reasonOn(date: CalendarDate, ctx: Context): string | undefined {
  ctx.years.add(yearOf(date));
  return nonWorkingReason(date, ctx.region);
}

/** Rolls to a working day; the promise may roll back (keeping the promise), but never to day 0 or before. */
function roll(date: CalendarDate, how: Roll, ctx: Context): { date: CalendarDate; steps: string[] } {
  if (how === 'previous_working_day') {
    const skipped: string[] = [];
    let d = date;
    // Step back over non-working days, but never onto day 0 or before (nor into a year with no holiday data).
    while (d > ctx.relevantTime) {
      const reason = reasonOn(d, ctx);
      if (!reason) break;
      skipped.push(reason);
      d = addDays(d, -1);
    }
    if (d > ctx.relevantTime) {
      return { date: d, steps: skipped.length ? [`${skipped.join('; ')} -> previous working day ${formatDate(d)}, to keep the promise`] : [] };
    }
  }
  const skipped: string[] = [];
  let d = date;
  for (let reason = reasonOn(d, ctx); reason; reason = reasonOn(d, ctx)) {
    skipped.push(reason);
    d = addDays(d, 1);
  }
  return { date: d, steps: skipped.length ? [`${skipped.join('; ')} -> next working day ${formatDate(d)}`] : [] };
}

/**
 * Adds the paused days to the period's unrolled end, then rolls to a working day. Pauses are taken in
 * the order asked; a pause asked after the period (as moved by earlier pauses) had already ended cannot
 * stop a clock that has run out, so it is ignored with a warning. A day is counted once however many
 * pauses cover it, and only days after day 0 count (the period runs from the day after day 0).
 */
function runPeriod(unpausedEnd: CalendarDate, how: Roll, ctx: Context): Run {
  const start = toEpochDay(ctx.relevantTime);
  const paused = new Set<number>();
  const pauseSteps: string[] = [];
  const ignored: string[] = [];
  const total = () => ctx.givenPausedDays + paused.size;
  const currentDue = () => roll(addDays(unpausedEnd, total()), how, ctx).date;
  if (ctx.givenPausedDays) pauseSteps.push(`Clock stopped for ${ctx.givenPausedDays} day${ctx.givenPausedDays === 1 ? '' : 's'} (given)`);
  for (const p of ctx.pauses) {
    const due = currentDue();
    if (p.askedOn > due) {
      ignored.push(`Clarification asked ${formatDate(p.askedOn)}, after the period had ended on ${formatDate(due)}: it cannot stop the clock, ignored`);
      continue;
    }
    const from = toEpochDay(p.askedOn) + (ctx.counting === 'both_days_paused' ? 0 : 1);
    if (p.answeredOn === undefined) {
      pauseSteps.push(`Clock stopped for clarification on ${formatDate(p.askedOn)}, not yet answered: the request is paused and has no due date until the person answers`);
      return { status: 'paused', since: p.askedOn, pausedDays: total(), pauseSteps, ignored };
    }
    const to = toEpochDay(p.answeredOn);
    let added = 0;
    for (let d = Math.max(from, start + 1); d <= to; d++) {
      if (!paused.has(d)) {
        paused.add(d);
        added++;
      }
    }
    const span = Math.max(0, to - from + 1);
    const how = ctx.counting === 'both_days_paused' ? 'the day asked and the day answered both paused' : 'the clock resumes the day after the answer';
    const note = added === span ? '' : ` (${added} counted: days on or before day 0, or already paused, do not count)`;
    pauseSteps.push(`Clock stopped for clarification: asked ${formatDate(p.askedOn)}, answered ${formatDate(p.answeredOn)} -> ${span} day${span === 1 ? '' : 's'}, ${how}${note}`);
  }
  const end = addDays(unpausedEnd, total());
  const rolled = roll(end, how, ctx);
  return { status: 'due', unpausedEnd, end, due: rolled.date, pausedDays: total(), pauseSteps, ignored, rollSteps: rolled.steps };
}

/** The unrolled end of a period of `months` months (1 or 3) by the chosen method. */
function periodEnd(start: CalendarDate, months: 1 | 3, method: PeriodMethod): { date: CalendarDate; step: string } {
  if (method === 'fixed_28_days') {
    const days = 28 * months;
    const date = addDays(start, days);
    return { date, step: `Fixed ${months === 1 ? '28-day period' : '28-day periods, three of them'}: day ${days} is ${formatDate(date)}` };
  }
  const { date, clamped, wanted } = addMonths(start, months);
  const what = months === 1 ? 'Same date next month' : 'Same date three months later';
  if (!clamped) return { date, step: `${what}: ${formatDate(date)}` };
  const { month } = parseIsoDate(date);
  return { date, step: `${what}: there is no ${wanted} -> last day of ${monthName(month)}, ${formatDate(date)}` };
}

function describeRun(run: Run & { status: 'due' }, verbosePauses: boolean): string[] {
  const steps: string[] = [];
  if (run.pausedDays) {
    if (verbosePauses) steps.push(...run.pauseSteps);
    steps.push(`Add ${run.pausedDays} paused day${run.pausedDays === 1 ? '' : 's'}: ${formatDate(run.unpausedEnd)} + ${run.pausedDays} = ${formatDate(run.end)}`);
  }
  steps.push(...run.rollSteps);
  return steps;
}

function validate(input: DueDateInput): void {
  checkIsoDate(input.received);
  for (const e of input.relevantTimeEvents ?? []) {
    checkIsoDate(e.date);
    if (!(e.kind in EVENT_LABELS)) throw new ClockInputError(`unknown relevant-time event "${String(e.kind)}": use identity_received, authority_received or fee_paid`);
  }
  for (const p of input.pauses ?? []) {
    checkIsoDate(p.askedOn);
    if (p.askedOn < input.received) throw new ClockInputError(`clarification asked on ${p.askedOn}, before the request was received on ${input.received}`);
    if (p.answeredOn !== undefined) {
      checkIsoDate(p.answeredOn);
      if (p.answeredOn < p.askedOn) throw new ClockInputError(`clarification answered on ${p.answeredOn}, before it was asked on ${p.askedOn}`);
    }
  }
  const n = input.pausedDays ?? 0;
  if (!Number.isInteger(n) || n < 0) throw new ClockInputError(`paused days must be a whole number of 0 or more (got ${n})`);
  if (input.extended?.on !== undefined) checkIsoDate(input.extended.on);
  if (input.promise) {
    const { days, months } = input.promise;
    if ((days === undefined) === (months === undefined)) throw new ClockInputError('a promise gives either days or months (e.g. { days: 30 })');
    const v = days ?? months!;
    if (!Number.isInteger(v) || v < 1) throw new ClockInputError(`a promise must be a whole number of 1 or more ${days !== undefined ? 'days' : 'months'} (got ${v})`);
  }
  if (input.method && input.method !== 'calendar_month' && input.method !== 'fixed_28_days') throw new ClockInputError(`unknown method "${String(input.method)}": use calendar_month or fixed_28_days`);
  if (input.pauseCounting && input.pauseCounting !== 'resume_day_after_answer' && input.pauseCounting !== 'both_days_paused') {
    throw new ClockInputError(`unknown pause counting "${String(input.pauseCounting)}": use resume_day_after_answer or both_days_paused`);
  }
}

/**
 * When a rights request is due, by the ICO's method, with every step explained.
 *
 * - Period: one month from the relevant time (UK GDPR Art 12(3), Art 12A); the relevant time is the latest
 *   of receipt and the receipt of identity information asked for (Art 12(6)), evidence of authority, or a
 *   lawful fee (Art 12A; ICO right of access guidance).
 * - Counting (ICO right of access guidance, "How long do we have to comply?"): day 0 is the day of
 *   receipt, working day or not; the corresponding date in the next month; where there is none, the last
 *   day of that month; a weekend or public holiday end moves to the next working day. Or, as the ICO also
 *   accepts, a fixed 28 days (setting `method`). An extension (Art 12(3)) runs three months from the same
 *   start by the same rules; under the 28-day method, 3 x 28 = 84 days (always inside three calendar months).
 * - Stopping the clock (Art 12A; ICO "Can we stop the clock?"): the days waiting for clarification do not
 *   count; the ICO moves the deadline on by the number of days paused. Pledge adds them to the period's
 *   end before the weekend/holiday roll (unpaused end + paused days, then the next working day), which is
 *   never later than adding them to the already rolled date. The day-count reading is `pauseCounting`
 *   (default: resume the day after the answer, 20 Feb -> 27 Feb = 7 days, the earlier due date).
 * - A declaration's shorter promise applies when stricter than the law (`applied` says which). A valid
 *   extension replaces the promise: the law allows it, and the person is told with reasons.
 *
 * Pure: the dates are all in the input; no clock is read.
 */
export function computeDueDate(input: DueDateInput): DueDateOutcome {
  validate(input);
  const calendar = resolveCalendar(input.region);
  const method = input.method ?? 'calendar_month';
  const counting = input.pauseCounting ?? 'resume_day_after_answer';
  const steps: string[] = [];
  const warnings: string[] = [];
  const citations: string[] = [CLOCK_CITATIONS.period, CLOCK_CITATIONS.method];

  steps.push(`Received ${formatDate(input.received)} (day 0)`);
  let relevantTime = input.received;
  const events = [...(input.relevantTimeEvents ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  for (const e of events) {
    if (e.date > relevantTime) {
      relevantTime = e.date;
      steps.push(`${EVENT_LABELS[e.kind]} ${formatDate(e.date)}: the period now runs from this day (day 0)`);
    } else {
      steps.push(`${EVENT_LABELS[e.kind]} ${formatDate(e.date)}, no later than the current start: no change`);
    }
  }
  if (events.length) citations.push(CLOCK_CITATIONS.relevantTime);
  if (input.pauses?.length || input.pausedDays) citations.push(CLOCK_CITATIONS.pause);
  const pauses = [...(input.pauses ?? [])].sort((a, b) => a.askedOn.localeCompare(b.askedOn));
  const ctx: Context = { region: calendar, relevantTime, pauses, counting, givenPausedDays: input.pausedDays ?? 0, years: new Set() };
  const byRule = () => [...ctx.years].filter((y) => isYearByRule(y, calendar)).sort((a, b) => a - b);
  // Say which years' holidays were computed by rule (no published dates loaded): provisional, so the privacy lead knows.
  const noteByRule = () => {
    const note = holidaysByRuleNote(ctx.years, calendar);
    if (note) steps.push(note);
  };
  const common = (pausedDays: number) => {
    const years = byRule();
    return { relevantTime, pausedDays, method, steps, warnings, citations, ...(years.length ? { holidayYearsByRule: years } : {}) };
  };

  // The first month (or 28 days): the statutory date, and the deadline for telling the person of an extension.
  const first = periodEnd(relevantTime, 1, method);
  steps.push(`${method === 'fixed_28_days' ? '' : 'One month (Art 12(3)). '}${first.step}`);
  const stat = runPeriod(first.date, 'next_working_day', ctx);
  warnings.push(...stat.ignored);
  if (stat.status === 'paused') {
    steps.push(...stat.pauseSteps);
    noteByRule();
    return { status: 'paused', dueDate: null, pausedSince: stat.since, ...common(stat.pausedDays) };
  }
  steps.push(...describeRun(stat, true));

  // Extension by two further months (Art 12(3)).
  let extended: (Run & { status: 'due' }) | undefined;
  if (input.extended) {
    citations.push(CLOCK_CITATIONS.extension);
    const on = input.extended.on;
    if (on !== undefined && on > stat.due) {
      warnings.push(`Extension recorded on ${formatDate(on)}, after the first month ended on ${formatDate(stat.due)}: too late (Art 12(3)), so it does not apply`);
      steps.push(`Extension on ${formatDate(on)} came after the first month ended: not applied`);
    } else {
      const third = periodEnd(relevantTime, 3, method);
      steps.push(`Extended by two further months (Art 12(3))${input.extended.reason ? ` because: ${input.extended.reason}` : ''}. ${third.step}`);
      const run = runPeriod(third.date, 'next_working_day', ctx);
      for (const w of run.ignored) if (!warnings.includes(w)) warnings.push(w);
      if (run.status === 'paused') {
        steps.push(...run.pauseSteps.filter((s) => !stat.pauseSteps.includes(s)));
        noteByRule();
        return { status: 'paused', dueDate: null, pausedSince: run.since, ...common(run.pausedDays) };
      }
      steps.push(...run.pauseSteps.filter((s) => !stat.pauseSteps.includes(s)), ...describeRun(run, false));
      extended = run;
    }
  }

  // The declaration's own promise.
  let promise: (Run & { status: 'due' }) | undefined;
  if (input.promise) {
    const { days, months } = input.promise;
    const end = days !== undefined ? addDays(relevantTime, days) : addMonths(relevantTime, months!).date;
    const what = days !== undefined ? `${days} day${days === 1 ? '' : 's'}` : `${months} month${months === 1 ? '' : 's'}`;
    steps.push(`The declaration promises a reply within ${what}: ${formatDate(end)}`);
    const run = runPeriod(end, input.promise.roll ?? 'previous_working_day', ctx);
    if (run.status === 'due') {
      steps.push(...describeRun(run, false));
      promise = run;
    } else {
      steps.push('The promise cannot be dated while the clock is stopped');
    }
  }

  let dueDate: CalendarDate;
  let applied: 'statutory' | 'promise';
  let pausedDays: number;
  if (extended) {
    dueDate = extended.due;
    applied = 'statutory';
    pausedDays = extended.pausedDays;
    if (promise) steps.push(`The request is extended: the extended date replaces the promise of ${formatDate(promise.due)}`);
  } else if (promise && promise.due < stat.due) {
    dueDate = promise.due;
    applied = 'promise';
    pausedDays = promise.pausedDays;
    steps.push(`The promise (${formatDate(promise.due)}) is stricter than the law (${formatDate(stat.due)}): the promise applies`);
  } else {
    dueDate = stat.due;
    applied = 'statutory';
    pausedDays = stat.pausedDays;
    if (promise) steps.push(`The law (${formatDate(stat.due)}) is no later than the promise (${formatDate(promise.due)}): the law applies`);
  }
  const deadline = deadlineInstant(dueDate);
  noteByRule();
  steps.push(`Due ${formatDate(dueDate)}, by the end of the day in Europe/London (${deadline}); ${REGION_NAMES[calendar.region]} holidays`);
  steps.push(
    extended
      ? `The person must have been told of the extension, with reasons, by the end of ${formatDate(stat.due)} (the end of the first month)`
      : `An extension must be notified to the person, with reasons, by the end of ${formatDate(stat.due)} (the end of the first month)`,
  );
  return {
    status: 'due',
    dueDate,
    deadline,
    applied,
    statutoryDueDate: stat.due,
    ...(promise ? { promiseDueDate: promise.due } : {}),
    ...(extended ? { extendedDueDate: extended.due } : {}),
    extensionNoticeDeadline: stat.due,
    ...common(pausedDays),
  };
}
