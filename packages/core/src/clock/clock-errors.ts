/** Base class of every error the clock throws, so callers (the CLI, the API) can show the message as is. */
export class ClockError extends Error {
  override name = 'ClockError';
}

/** A string that is not a calendar date, e.g. "2026-02-30" ("February 2026 has 28 days"). */
export class InvalidDateError extends ClockError {
  override name = 'InvalidDateError';
}

/**
 * The holiday calendar has no data for a year the computation needs. The clock never treats an unknown
 * year as holiday-free: that could put a deadline on a bank holiday.
 */
export class UnknownHolidayYearError extends ClockError {
  override name = 'UnknownHolidayYearError';
  constructor(
    readonly year: number,
    readonly region: string,
    readonly knownYears: readonly number[],
  ) {
    const known = knownYears.length ? `it covers ${knownYears[0]}-${knownYears[knownYears.length - 1]}` : 'it covers no years';
    super(
      `No bank holidays loaded for ${year} in the ${region} calendar (${known}). ` +
        `Load them with withHolidays(calendar, { years: { ${year}: [{ date: '${year}-MM-DD', name: '...' }, ...] } }), ` +
        `from https://www.gov.uk/bank-holidays.json.`,
    );
  }
}

/** The input to a computation is inconsistent, e.g. a pause answered before it was asked. */
export class ClockInputError extends ClockError {
  override name = 'ClockInputError';
}
