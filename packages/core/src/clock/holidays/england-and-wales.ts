import type { HolidayCalendar } from '../holiday-calendar.js';

/**
 * England and Wales bank holidays 2025-2028 (../shared/UK-RULES.md section 2; 2028 computed from the
 * usual pattern and provisional until GOV.UK publishes it). Banking and Financial Dealings Act 1971.
 */
export const ENGLAND_AND_WALES_HOLIDAYS: HolidayCalendar = Object.freeze({
  region: 'england-and-wales',
  source: 'GOV.UK bank holidays (https://www.gov.uk/bank-holidays), via UK-RULES.md section 2; 2028 provisional',
  reviewed: '2026-11-23',
  years: Object.freeze({
    '2025': [
      { date: '2025-01-01', name: "New Year's Day" },
      { date: '2025-04-18', name: 'Good Friday' },
      { date: '2025-04-21', name: 'Easter Monday' },
      { date: '2025-05-05', name: 'Early May bank holiday' },
      { date: '2025-05-26', name: 'Spring bank holiday' },
      { date: '2025-08-25', name: 'Summer bank holiday' },
      { date: '2025-12-25', name: 'Christmas Day' },
      { date: '2025-12-26', name: 'Boxing Day' },
    ],
    '2026': [
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ],
    '2027': [
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
      { date: '2027-05-03', name: 'Early May bank holiday' },
      { date: '2027-05-31', name: 'Spring bank holiday' },
      { date: '2027-08-30', name: 'Summer bank holiday' },
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ],
    '2028': [
      { date: '2028-01-03', name: "New Year's Day (substitute day)" },
      { date: '2028-04-14', name: 'Good Friday' },
      { date: '2028-04-17', name: 'Easter Monday' },
      { date: '2028-05-01', name: 'Early May bank holiday' },
      { date: '2028-05-29', name: 'Spring bank holiday' },
      { date: '2028-08-28', name: 'Summer bank holiday' },
      { date: '2028-12-25', name: 'Christmas Day' },
      { date: '2028-12-26', name: 'Boxing Day' },
    ],
  }),
});
