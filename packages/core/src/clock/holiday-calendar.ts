import type { CalendarDate } from './date-math.js';
import type { Region } from './region.js';

export interface Holiday {
  date: CalendarDate;
  name: string;
}

/**
 * One region's public holidays, as data. The years in `years` are published dates and always win; any other year
 * is computed by rule (bankHolidaysByRule: the Banking and Financial Dealings Act 1971 and the usual proclamations),
 * which is provisional because a one-off holiday proclaimed later is not known. The clock never treats a year as
 * holiday-free. Immutable: load more years (or correct one) with withHolidays(), which returns a new calendar.
 */
export interface HolidayCalendar {
  readonly region: Region;
  /** Where the dates come from. */
  readonly source: string;
  /** When a person last checked the dates against the source (YYYY-MM-DD). */
  readonly reviewed: CalendarDate;
  /** Published holidays by year ("2026"); a year present with an empty list is known to have none. Other years are computed by rule. */
  readonly years: Readonly<Record<string, readonly Holiday[]>>;
}
