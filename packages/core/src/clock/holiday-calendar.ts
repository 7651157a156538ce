import type { CalendarDate } from './date-math.js';
import type { Region } from './region.js';

export interface Holiday {
  date: CalendarDate;
  name: string;
}

/**
 * One region's public holidays, as data. Only the years in `years` are known: a computation that needs
 * any other year fails with UnknownHolidayYearError rather than treating the year as holiday-free.
 * Immutable: extend it with withHolidays(), which returns a new calendar.
 */
export interface HolidayCalendar {
  readonly region: Region;
  /** Where the dates come from. */
  readonly source: string;
  /** When a person last checked the dates against the source (YYYY-MM-DD). */
  readonly reviewed: CalendarDate;
  /** Holidays by year ("2026"); a year present with an empty list is known to have none. */
  readonly years: Readonly<Record<string, readonly Holiday[]>>;
}
