import { describe, expect, it } from 'vitest';
import { HolidayFileError } from '../clock-errors.js';
import { holidayOn, isYearByRule } from '../resolve-calendar.js';
import { calendarsWithGovUkFile, parseGovUkHolidays } from './gov-uk-json.js';
import { bankHolidaysByRule } from './by-rule.js';
import { BANK_HOLIDAYS } from './index.js';

const events = (list: readonly { date: string; name: string }[]) => list.map((h) => ({ title: h.name, date: h.date, notes: '', bunting: true }));
// The shape of https://www.gov.uk/bank-holidays.json: whole years, as GOV.UK lists them. England and Wales 2028 gains a
// one-off holiday on Mon 5 Jun 2028, so the file's 2028 visibly replaces the shipped one.
const EW_2029 = bankHolidaysByRule('england-and-wales', 2029);
const EW_2028 = [...BANK_HOLIDAYS['england-and-wales'].years['2028']!, { date: '2028-06-05', name: 'Extra bank holiday' }].sort((x, y) => x.date.localeCompare(y.date));
const FILE = JSON.stringify({
  'england-and-wales': { division: 'england-and-wales', events: events([...EW_2029, ...EW_2028]) },
  scotland: { division: 'scotland', events: events(bankHolidaysByRule('scotland', 2029)) },
});

const failure = (text: string) => {
  try {
    parseGovUkHolidays(text, 'hols.json');
  } catch (e) {
    expect(e).toBeInstanceOf(HolidayFileError);
    return (e as HolidayFileError).message;
  }
  throw new Error('expected a HolidayFileError');
};

describe("GOV.UK's bank-holidays.json", () => {
  it('is read by division and year', () => {
    const parsed = parseGovUkHolidays(FILE, 'hols.json');
    expect(parsed['england-and-wales']).toEqual({ 2029: EW_2029, 2028: EW_2028 });
    expect(parsed.scotland?.['2029']).toContainEqual({ date: '2029-11-30', name: "St Andrew's Day" });
    expect(parsed['northern-ireland']).toBeUndefined();
    // A byte-order mark (some editors on Windows add one) is not an error.
    expect(parseGovUkHolidays(`\uFEFF${FILE}`, 'hols.json')).toEqual(parsed);
  });

  it('overrides the shipped and computed years it lists, and leaves the rest alone', () => {
    const cals = calendarsWithGovUkFile(FILE, 'hols.json');
    const ew = cals['england-and-wales'];
    expect(ew.source).toContain('hols.json');
    expect(isYearByRule(2029, ew)).toBe(false);
    expect(holidayOn('2029-03-30', ew)?.name).toBe('Good Friday');
    // 2028 in the file replaces the shipped 2028.
    expect(holidayOn('2028-06-05', ew)?.name).toBe('Extra bank holiday');
    expect(holidayOn('2028-06-05', BANK_HOLIDAYS['england-and-wales'])).toBeUndefined();
    expect(holidayOn('2027-12-27', ew)?.name).toBe('Christmas Day (substitute day)');
    expect(isYearByRule(2030, ew)).toBe(true);
    expect(cals['northern-ireland']).toBe(BANK_HOLIDAYS['northern-ireland']);
    expect(holidayOn('2029-11-30', cals.scotland)?.name).toBe("St Andrew's Day");
  });

  it('refuses a year listed in part (it would replace the whole year and drop the rest), naming what is missing', () => {
    const partial = JSON.stringify({ 'england-and-wales': { events: [{ title: 'Extra bank holiday', date: '2026-06-01' }] } });
    const message = failure(partial);
    expect(message).toContain('hols.json, at england-and-wales: 2026 lists 1 holiday, but England and Wales has 8 in a normal year. A year in the file replaces the whole year, so list all of them');
    expect(message).toContain('missing, for example: 2026-01-01 New Year');
  });

  it('a bad file is an error naming the file, the place in it and the fix', () => {
    expect(failure('{"england-and-wales": ')).toMatch(/^hols\.json: not valid JSON \(.*\)\. Download the file again from https:\/\/www\.gov\.uk\/bank-holidays\.json\.$/);
    expect(failure('[]')).toContain('hols.json: expected an object with "england-and-wales"');
    expect(failure(JSON.stringify({ 'england-and-wales': { events: [{ title: 'New Year', date: 20290101 }] } }))).toContain('hols.json, at england-and-wales.events[0].date: must be a string "YYYY-MM-DD" (got 20290101)');
    expect(failure('{}')).toContain('hols.json: no divisions');
    expect(failure('{"wales": {"events": []}}')).toBe('hols.json, at "wales": not a division: use "england-and-wales", "scotland", "northern-ireland" (GOV.UK\'s names).');
    expect(failure('{"scotland": {"division": "england-and-wales", "events": []}}')).toContain('at scotland.division: "england-and-wales" under "scotland": the division must match its key');
    expect(failure('{"scotland": {"division": "scotland"}}')).toContain('at scotland.events: expected a list of');
    expect(failure('{"scotland": {"events": [{"title": "x", "date": "2029-02-30"}]}}')).toBe(
      'hols.json, at scotland.events[0].date: 2029-02-30 is not a date: February 2029 has 28 days. Download the file again from https://www.gov.uk/bank-holidays.json, or correct that entry.',
    );
    expect(failure('{"scotland": {"events": [{"title": "x", "date": "30/11/2029"}]}}')).toContain('at scotland.events[0].date: "30/11/2029" is not a date in the form YYYY-MM-DD');
    expect(failure('{"scotland": {"events": [{"date": "2029-11-30"}]}}')).toContain('at scotland.events[0].title: missing');
    expect(failure('{"scotland": {"events": [{"title": "a", "date": "2029-11-30"}, {"title": "b", "date": "2029-11-30"}]}}')).toContain(
      'at scotland.events[1].date: 2029-11-30 is listed twice (also at scotland.events[0])',
    );
    expect(failure('{"scotland": {"events": [3]}}')).toContain('at scotland.events[0]: expected {');
  });
});
