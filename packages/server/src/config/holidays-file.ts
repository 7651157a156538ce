import { readFileSync } from 'node:fs';
import { BANK_HOLIDAYS, calendarsWithGovUkFile, HolidayFileError, HOLIDAYS_SOURCE_URL, unreadableFileWords, type HolidayCalendar, type Region } from '@pledge/core';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceConfig } from './service-config.js';

const loaded = new Map<string, Record<Region, HolidayCalendar>>();

/**
 * Reads the bank-holidays file of the PLEDGE_HOLIDAYS_FILE setting (GOV.UK's bank-holidays.json format) into the
 * three regions' calendars: each year in the file replaces that year's shipped or computed dates (the operator loads
 * the official list, so it also corrects a shipped year); a year in neither is computed by rule and the due-date steps
 * say so. Read once, when the configuration is loaded (again on each load): a file that cannot be used is a
 * configuration error, so the service refuses to start rather than fail on the first request.
 */
export function loadHolidaysFile(path: string): Record<Region, HolidayCalendar> {
  const where = 'Invalid configuration. PLEDGE_HOLIDAYS_FILE / --holidays-file';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PledgeError('invalid_input', `${where}: cannot read ${path} (${unreadableFileWords(e)}). Give the path of a file downloaded from ${HOLIDAYS_SOURCE_URL}, or unset it to use the shipped and computed dates.`);
  }
  try {
    const calendars = calendarsWithGovUkFile(text, path);
    loaded.set(path, calendars);
    return calendars;
  } catch (e) {
    if (e instanceof HolidayFileError) throw new PledgeError('invalid_input', `${where}: ${e.message}`);
    throw e;
  }
}

/** The calendar a region's due dates use: the shipped one, or the one with the configured file loaded over it. */
export function holidayCalendar(config: Pick<ServiceConfig, 'holidaysFile'>, region: Region): HolidayCalendar {
  if (!config.holidaysFile) return BANK_HOLIDAYS[region];
  return (loaded.get(config.holidaysFile) ?? loadHolidaysFile(config.holidaysFile))[region];
}
