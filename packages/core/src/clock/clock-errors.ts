/** Base class of every error the clock throws, so callers (the CLI, the API) can show the message as is. */
export class ClockError extends Error {
  override name = 'ClockError';
}

/** A string that is not a calendar date, e.g. "2026-02-30" ("February 2026 has 28 days"). */
export class InvalidDateError extends ClockError {
  override name = 'InvalidDateError';
}

/** The input to a computation is inconsistent, e.g. a pause answered before it was asked. */
export class ClockInputError extends ClockError {
  override name = 'ClockInputError';
}

/**
 * A bank-holidays file (GOV.UK's https://www.gov.uk/bank-holidays.json format) that cannot be used; the message names
 * the file, the place in it (`path`, e.g. "scotland.events[3].date") and how to fix it.
 */
export class HolidayFileError extends ClockError {
  override name = 'HolidayFileError';
  constructor(
    readonly file: string,
    readonly path: string,
    problem: string,
  ) {
    super(`${file}${path ? `, at ${path}` : ''}: ${problem}`);
  }
}
