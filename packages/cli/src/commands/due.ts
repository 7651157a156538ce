import { ClockError, computeDueDate, REGIONS, UnknownHolidayYearError, type DueDateInput, type Region } from '@pledge/core';
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

Examples:
  pledge due 2026-01-31                  2026-03-02 (28 Feb 2026 is a Saturday)
  pledge due 2026-10-30 --region scotland
  pledge due 2028-01-31 --extended       2028-05-02
  pledge due 2026-02-10 --paused-days 7`,
  positionals: [1, 1],
  options: {
    region: { type: 'string', short: 'r', value: 'REGION', choices: REGIONS, default: 'england-and-wales', description: 'Whose bank holidays count (2025-2028 shipped).' },
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
    const input: DueDateInput = {
      received: received!,
      region: values.region as Region,
      pausedDays,
      method: values['fixed-28-days'] ? 'fixed_28_days' : 'calendar_month',
      ...(values.extended ? { extended: {} } : {}),
      ...(typeof identity === 'string' ? { relevantTimeEvents: [{ kind: 'identity_received' as const, date: identity }] } : {}),
    };
    let result;
    try {
      result = computeDueDate(input);
    } catch (e) {
      if (e instanceof UnknownHolidayYearError) {
        io.stderr(`pledge due: ${e.message}\n`);
        return 2;
      }
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
