import { readFileSync } from 'node:fs';
import { calendarsWithGovUkFile, ClockError, computeDueDate, HolidayFileError, HOLIDAYS_SOURCE_URL, REGIONS, unreadableFileWords, type DueDateInput, type Region, type RegionOrCalendar } from '@pledge/core';
import { UsageError, type Command } from '../cli/command.js';

/**
 * `pledge due DATE`: when a rights request is due (UK GDPR Art 12(3), Art 12A; ICO right of access guidance).
 * The ISO date comes first on its own line, so `pledge due 2026-01-31 | head -1` is the answer.
 */
export const due: Command = {
  name: 'due',
  usage: 'DATE [options]',
  summary: 'When a rights request received on DATE is due, by the ICO method, and how that date was reached',
  details: `
DATE is the day the request was received (YYYY-MM-DD), day 0 even when not a working day. The period is
one calendar month (UK GDPR Art 12(3)): the same date next month, or the last day of a shorter month; a
weekend or bank holiday end moves to the next working day. The first line is the due date alone; the
reply is due by the end of that day, Europe/London.

Bank holidays for 2025-2028 are shipped; other years are computed by rule (Banking and Financial Dealings
Act 1971 and the usual proclamations) and the steps say so: a one-off holiday proclaimed later is not
known. --holidays FILE loads GOV.UK's published list (${HOLIDAYS_SOURCE_URL}); each year in the
file replaces that year's shipped or computed dates.

Examples:
  pledge due 2026-01-31                  2026-03-02 (28 Feb 2026 is a Saturday)
  pledge due 2026-10-30 --region scotland
  pledge due 2028-01-31 --extended       2028-05-02
  pledge due 2026-02-10 --paused-days 7
  pledge due 2028-11-30 --holidays bank-holidays.json`,
  positionals: [1, 1],
  options: {
    region: { type: 'string', short: 'r', value: 'REGION', choices: REGIONS, default: 'england-and-wales', description: 'Whose bank holidays count (2025-2028 shipped, other years computed by rule).' },
    holidays: { type: 'string', value: 'FILE', description: `A bank-holidays file in GOV.UK's format (${HOLIDAYS_SOURCE_URL}); its years replace the shipped or computed ones.` },
    extended: { type: 'boolean', description: 'Extended by two further months (Art 12(3)): three months from the same start, same rules.' },
    'paused-days': { type: 'string', value: 'N', description: 'Days the clock was stopped for clarification; added to the period end before rolling to a working day.' },
    'fixed-28-days': { type: 'boolean', description: 'Use a fixed 28-day period (84 days when extended) instead of the calendar month; the ICO accepts it.' },
    'identity-received': { type: 'string', value: 'DATE', description: 'Day the identity information asked for arrived (Art 12(6)); the period runs from it when later than DATE.' },
    json: { type: 'boolean', description: 'Print the whole computation (dates, steps, citations) as JSON.' },
  },
  async run([received], values, io) {
    const pausedText = values['paused-days'];
    let pausedDays = 0;
    if (typeof pausedText === 'string') {
      if (!/^\d+$/.test(pausedText)) throw new UsageError(`--paused-days must be a whole number of days (got "${pausedText}").`);
      pausedDays = Number(pausedText);
    }
    const identity = values['identity-received'];
    let region: RegionOrCalendar = values.region as Region;
    const file = values.holidays;
    if (typeof file === 'string') {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`--holidays: cannot read ${file} (${unreadableFileWords(e)}). Give the path of a file downloaded from ${HOLIDAYS_SOURCE_URL}.`);
      }
      try {
        region = calendarsWithGovUkFile(text, file)[region as Region];
      } catch (e) {
        if (e instanceof HolidayFileError) throw new UsageError(`--holidays: ${e.message}`);
        throw e;
      }
    }
    const input: DueDateInput = {
      received: received!,
      region,
      pausedDays,
      method: values['fixed-28-days'] ? 'fixed_28_days' : 'calendar_month',
      ...(values.extended ? { extended: {} } : {}),
      ...(typeof identity === 'string' ? { relevantTimeEvents: [{ kind: 'identity_received' as const, date: identity }] } : {}),
    };
    let result;
    try {
      result = computeDueDate(input);
    } catch (e) {
      if (e instanceof ClockError) throw new UsageError(e.message);
      throw e;
    }
    if (values.json) {
      io.stdout(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    const lines = [result.dueDate ?? 'paused', ...result.steps.map((s) => `  ${s}`), ...result.warnings.map((w) => `  Warning: ${w}`)];
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
