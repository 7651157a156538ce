import type { HolidayCalendar } from '../holiday-calendar.js';
import type { Region } from '../region.js';
import { ENGLAND_AND_WALES_HOLIDAYS } from './england-and-wales.js';
import { NORTHERN_IRELAND_HOLIDAYS } from './northern-ireland.js';
import { SCOTLAND_HOLIDAYS } from './scotland.js';

/**
 * The shipped calendars, 2025-2028; other years are computed by rule (bankHolidaysByRule, provisional). Load the
 * published list for later years (or a correction) with withHolidays() or calendarsWithGovUkFile().
 */
export const BANK_HOLIDAYS: Readonly<Record<Region, HolidayCalendar>> = Object.freeze({
  'england-and-wales': ENGLAND_AND_WALES_HOLIDAYS,
  scotland: SCOTLAND_HOLIDAYS,
  'northern-ireland': NORTHERN_IRELAND_HOLIDAYS,
});

export { ENGLAND_AND_WALES_HOLIDAYS, SCOTLAND_HOLIDAYS, NORTHERN_IRELAND_HOLIDAYS };
