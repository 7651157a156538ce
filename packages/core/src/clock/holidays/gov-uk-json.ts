import { HolidayFileError, InvalidDateError } from '../clock-errors.js';
import { parseIsoDate } from '../date-math.js';
import type { Holiday, HolidayCalendar } from '../holiday-calendar.js';
import { REGION_NAMES, REGIONS, isRegion, type Region } from '../region.js';
import { bankHolidaysByRule } from './by-rule.js';
import { withHolidays } from '../with-holidays.js';
import { BANK_HOLIDAYS } from './index.js';

const SOURCE = 'https://www.gov.uk/bank-holidays.json';
const AGAIN = `Download the file again from ${SOURCE}`;
const FIX = `${AGAIN}, or correct that entry`;

/** Why a file could not be read, in words (for "cannot read FILE (…)"): the error's code named, not shown raw. */
export function unreadableFileWords(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error)?.message ?? String(e);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a bank-holidays file in GOV.UK's format (https://www.gov.uk/bank-holidays.json):
 * `{ "england-and-wales": { "division": "england-and-wales", "events": [{ "title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true }, ...] }, "scotland": {...}, "northern-ireland": {...} }`.
 * A division may be left out; every year listed for a division is taken as that year's complete list. Throws
 * HolidayFileError naming the file (`file`, for messages), the place in it and how to fix it. Pure: the caller reads
 * the file.
 */
export function parseGovUkHolidays(text: string, file: string): Partial<Record<Region, Record<string, Holiday[]>>> {
  const fail = (path: string, problem: string): never => {
    throw new HolidayFileError(file, path, problem);
  };
  let json: unknown;
  try {
    // A byte-order mark, as some editors on Windows save, is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail('', `not valid JSON (${(e as Error).message}). ${AGAIN}.`);
  }
  if (!isObject(json)) return fail('', `expected an object with "england-and-wales", "scotland" and/or "northern-ireland", as in ${SOURCE}.`);
  const keys = Object.keys(json);
  if (!keys.length) return fail('', `no divisions: give "england-and-wales", "scotland" and/or "northern-ireland", as in ${SOURCE}.`);
  const out: Partial<Record<Region, Record<string, Holiday[]>>> = {};
  for (const key of keys) {
    if (!isRegion(key)) return fail(JSON.stringify(key), `not a division: use ${REGIONS.map((r) => `"${r}"`).join(', ')} (GOV.UK's names).`);
    const div = json[key];
    if (!isObject(div)) return fail(key, `expected { "division": "${key}", "events": [...] }.`);
    if (div.division !== undefined && div.division !== key) return fail(`${key}.division`, `"${String(div.division)}" under "${key}": the division must match its key. ${FIX}.`);
    if (!Array.isArray(div.events)) return fail(`${key}.events`, `expected a list of { "title": "...", "date": "YYYY-MM-DD" }. ${FIX}.`);
    const years: Record<string, Holiday[]> = {};
    const seen = new Map<string, number>();
    div.events.forEach((ev: unknown, i: number) => {
      const at = `${key}.events[${i}]`;
      if (!isObject(ev)) return fail(at, `expected { "title": "...", "date": "YYYY-MM-DD" }. ${FIX}.`);
      if (ev.date === undefined) return fail(`${at}.date`, `missing: each event needs a "date" in the form YYYY-MM-DD. ${FIX}.`);
      if (typeof ev.date !== 'string') return fail(`${at}.date`, `must be a string "YYYY-MM-DD" (got ${JSON.stringify(ev.date)?.slice(0, 40)}). ${FIX}.`);
      try {
        parseIsoDate(ev.date);
      } catch (e) {
        if (e instanceof InvalidDateError) return fail(`${at}.date`, `${e.message}. ${FIX}.`);
        throw e;
      }
      if (typeof ev.title !== 'string' || !ev.title.trim()) return fail(`${at}.title`, `missing: each event needs a "title" (the holiday's name). ${FIX}.`);
      const earlier = seen.get(ev.date);
      if (earlier !== undefined) return fail(`${at}.date`, `${ev.date} is listed twice (also at ${key}.events[${earlier}]): keep one. ${FIX}.`);
      seen.set(ev.date, i);
      (years[ev.date.slice(0, 4)] ??= []).push({ date: ev.date, name: ev.title.trim() });
    });
    // A year in the file replaces the whole year (withHolidays), so a year listed in part would silently drop its other
    // holidays and put deadlines on them: each year must list at least the statutory holidays the rules give it.
    for (const [year, list] of Object.entries(years)) {
      const statutory = bankHolidaysByRule(key, Number(year));
      if (list.length < statutory.length) {
        const missing = statutory.filter((h) => !list.some((l) => l.date === h.date)).map((h) => `${h.date} ${h.name}`);
        return fail(
          key,
          `${year} lists ${list.length} holiday${list.length === 1 ? '' : 's'}, but ${REGION_NAMES[key]} has ${statutory.length} in a normal year. A year in the file replaces the whole year, so list all of them (GOV.UK's file does)${missing.length ? `; missing, for example: ${missing.slice(0, 3).join(', ')}` : ''}. ${AGAIN}.`,
        );
      }
    }
    out[key] = years;
  }
  return out;
}

/**
 * The three regions' calendars with a GOV.UK bank-holidays file loaded over the shipped data: a year in the file
 * replaces that year's shipped dates (the operator loads the official list, which also corrects a shipped year), a
 * year in neither is computed by rule. Throws HolidayFileError for a file that cannot be used.
 */
export function calendarsWithGovUkFile(text: string, file: string): Record<Region, HolidayCalendar> {
  const parsed = parseGovUkHolidays(text, file);
  const out = {} as Record<Region, HolidayCalendar>;
  for (const region of REGIONS) {
    const years = parsed[region];
    out[region] = years && Object.keys(years).length ? withHolidays(BANK_HOLIDAYS[region], { years, source: file }) : BANK_HOLIDAYS[region];
  }
  return out;
}
