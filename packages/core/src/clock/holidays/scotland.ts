import type { HolidayCalendar } from '../holiday-calendar.js';

/**
 * Scotland bank holidays 2025-2028 (../shared/UK-RULES.md section 2; 2028 provisional). Scotland has
 * 2 January, the first Monday of August and St Andrew's Day, and no Easter Monday bank holiday.
 */
export const SCOTLAND_HOLIDAYS: HolidayCalendar = Object.freeze({
  region: 'scotland',
  source: 'GOV.UK bank holidays (https://www.gov.uk/bank-holidays), via UK-RULES.md section 2; 2028 provisional',
  reviewed: '2026-11-23',
  years: Object.freeze({
    '2025': [
      { date: '2025-01-01', name: "New Year's Day" },
      { date: '2025-01-02', name: '2nd January' },
      { date: '2025-04-18', name: 'Good Friday' },
      { date: '2025-05-05', name: 'Early May bank holiday' },
      { date: '2025-05-26', name: 'Spring bank holiday' },
      { date: '2025-08-04', name: 'Summer bank holiday' },
      { date: '2025-12-01', name: "St Andrew's Day (substitute day)" },
      { date: '2025-12-25', name: 'Christmas Day' },
      { date: '2025-12-26', name: 'Boxing Day' },
    ],
    '2026': [
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-02', name: '2nd January' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-03', name: 'Summer bank holiday' },
      { date: '2026-11-30', name: "St Andrew's Day" },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ],
    '2027': [
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-01-04', name: '2nd January (substitute day)' },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-05-03', name: 'Early May bank holiday' },
      { date: '2027-05-31', name: 'Spring bank holiday' },
      { date: '2027-08-02', name: 'Summer bank holiday' },
      { date: '2027-11-30', name: "St Andrew's Day" },
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ],
    '2028': [
      { date: '2028-01-03', name: "New Year's Day (substitute day)" },
      { date: '2028-01-04', name: '2nd January (substitute day)' },
      { date: '2028-04-14', name: 'Good Friday' },
      { date: '2028-05-01', name: 'Early May bank holiday' },
      { date: '2028-05-29', name: 'Spring bank holiday' },
      { date: '2028-08-07', name: 'Summer bank holiday' },
      { date: '2028-11-30', name: "St Andrew's Day" },
      { date: '2028-12-25', name: 'Christmas Day' },
      { date: '2028-12-26', name: 'Boxing Day' },
    ],
  }),
});
