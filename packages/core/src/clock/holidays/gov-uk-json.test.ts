import { describe, expect, it } from 'vitest';
import { HolidayFileError } from '../clock-errors.js';
import { holidayOn, isYearByRule } from '../resolve-calendar.js';
import { calendarsWithGovUkFile, parseGovUkHolidays } from './gov-uk-json.js';
import { BANK_HOLIDAYS } from './index.js';

// The shape of https://www.gov.uk/bank-holidays.json, cut down.
const FILE = JSON.stringify({
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'New Year’s Day', date: '2029-01-01', notes: '', bunting: true },
      { title: 'Good Friday', date: '2029-03-30', notes: '', bunting: false },
      { title: 'Christmas Day', date: '2028-12-25', notes: '', bunting: true },
    ],
  },
  scotland: { division: 'scotland', events: [{ title: 'St Andrew’s Day', date: '2029-11-30', notes: '', bunting: true }] },
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
    expect(parsed['england-and-wales']).toEqual({
      2029: [
        { date: '2029-01-01', name: 'New Year’s Day' },
        { date: '2029-03-30', name: 'Good Friday' },
      ],
      2028: [{ date: '2028-12-25', name: 'Christmas Day' }],
    });
    expect(parsed['northern-ireland']).toBeUndefined();
  });

  it('overrides the shipped and computed years it lists, and leaves the rest alone', () => {
    const cals = calendarsWithGovUkFile(FILE, 'hols.json');
    const ew = cals['england-and-wales'];
    expect(ew.source).toContain('hols.json');
    expect(isYearByRule(2029, ew)).toBe(false);
    expect(holidayOn('2029-03-30', ew)?.name).toBe('Good Friday');
    // 2028 in the file replaces the shipped 2028 (only Christmas Day listed here).
    expect(holidayOn('2028-12-26', ew)).toBeUndefined();
    expect(holidayOn('2027-12-27', ew)?.name).toBe('Christmas Day (substitute day)');
    expect(isYearByRule(2030, ew)).toBe(true);
    expect(cals['northern-ireland']).toBe(BANK_HOLIDAYS['northern-ireland']);
    expect(holidayOn('2029-11-30', cals.scotland)?.name).toBe('St Andrew’s Day');
  });

  it('a bad file is an error naming the file, the place in it and the fix', () => {
    expect(failure('{"england-and-wales": ')).toMatch(/^hols\.json: not valid JSON \(.*\)\. Download the file again from https:\/\/www\.gov\.uk\/bank-holidays\.json\.$/);
    expect(failure('[]')).toContain('hols.json: expected an object with "england-and-wales"');
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
