/**
 * UK-RULES.md section 2 (public holidays 2025-2028), copied by hand for the tests: a change to the shipped data or to
 * the rules that compute holidays must be a deliberate change here too. Used by holidays.test.ts and by-rule.test.ts.
 */
export const UK_RULES_YEARS = [2025, 2026, 2027, 2028] as const;
export type UkRulesYear = (typeof UK_RULES_YEARS)[number];

export const UK_RULES_HOLIDAYS = {
  'england-and-wales': {
    2025: '01-01, 04-18, 04-21, 05-05, 05-26, 08-25, 12-25, 12-26',
    2026: '01-01, 04-03, 04-06, 05-04, 05-25, 08-31, 12-25, 12-28',
    2027: '01-01, 03-26, 03-29, 05-03, 05-31, 08-30, 12-27, 12-28',
    2028: '01-03, 04-14, 04-17, 05-01, 05-29, 08-28, 12-25, 12-26',
  },
  scotland: {
    2025: '01-01, 01-02, 04-18, 05-05, 05-26, 08-04, 12-01, 12-25, 12-26',
    2026: '01-01, 01-02, 04-03, 05-04, 05-25, 08-03, 11-30, 12-25, 12-28',
    2027: '01-01, 01-04, 03-26, 05-03, 05-31, 08-02, 11-30, 12-27, 12-28',
    2028: '01-03, 01-04, 04-14, 05-01, 05-29, 08-07, 11-30, 12-25, 12-26',
  },
  /** Northern Ireland: the England & Wales dates plus these. */
  northernIrelandExtra: { 2025: '03-17, 07-14', 2026: '03-17, 07-13', 2027: '03-17, 07-12', 2028: '03-17, 07-12' },
} as const;

const dates = (year: number, list: string): string[] => list.split(', ').map((md) => `${year}-${md}`);

/** The holidays UK-RULES.md lists for a region and year, as sorted ISO dates. */
export function ukRulesHolidays(region: 'england-and-wales' | 'scotland' | 'northern-ireland', year: UkRulesYear): string[] {
  if (region === 'northern-ireland') return [...dates(year, UK_RULES_HOLIDAYS['england-and-wales'][year]), ...dates(year, UK_RULES_HOLIDAYS.northernIrelandExtra[year])].sort();
  return dates(year, UK_RULES_HOLIDAYS[region][year]);
}
