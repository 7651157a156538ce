import type { Holiday, HolidayCalendar } from '../holiday-calendar.js';
import { ENGLAND_AND_WALES_HOLIDAYS } from './england-and-wales.js';

/** Northern Ireland's own days, added to the England and Wales dates (UK-RULES.md section 2). */
const OWN: Record<string, Holiday[]> = {
  '2025': [
    { date: '2025-03-17', name: "St Patrick's Day" },
    { date: '2025-07-14', name: 'Battle of the Boyne (Orangemen\'s Day) (substitute day)' },
  ],
  '2026': [
    { date: '2026-03-17', name: "St Patrick's Day" },
    { date: '2026-07-13', name: 'Battle of the Boyne (Orangemen\'s Day) (substitute day)' },
  ],
  '2027': [
    { date: '2027-03-17', name: "St Patrick's Day" },
    { date: '2027-07-12', name: 'Battle of the Boyne (Orangemen\'s Day)' },
  ],
  '2028': [
    { date: '2028-03-17', name: "St Patrick's Day" },
    { date: '2028-07-12', name: 'Battle of the Boyne (Orangemen\'s Day)' },
  ],
};

/** Northern Ireland bank holidays 2025-2028: England and Wales plus St Patrick's Day and 12 July (2028 provisional). */
export const NORTHERN_IRELAND_HOLIDAYS: HolidayCalendar = Object.freeze({
  region: 'northern-ireland',
  source: 'GOV.UK bank holidays (https://www.gov.uk/bank-holidays), via UK-RULES.md section 2; 2028 provisional',
  reviewed: '2026-11-23',
  years: Object.freeze(
    Object.fromEntries(
      Object.entries(ENGLAND_AND_WALES_HOLIDAYS.years).map(([year, list]) => [
        year,
        [...list, ...(OWN[year] ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
      ]),
    ),
  ),
});
