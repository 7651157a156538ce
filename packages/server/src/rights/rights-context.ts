import { createHash, createHmac } from 'node:crypto';
import {
  isRegion,
  promiseFromResponsePeriod,
  resolveCalendar,
  type CalendarDate,
  type ClockSettings,
  type Declaration,
  type PauseCounting,
  type PeriodMethod,
  type Region,
  type RequestClockState,
} from '@pledge/core';
import type { Kysely, Transaction } from 'kysely';
import { holidayCalendar } from '../config/holidays-file.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { versionByNumber, currentVersion } from '../declarations/read-declaration-versions.js';
import './rights-tables.js';

export type Db = Kysely<Database> | Transaction<Database>;

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Europe/London of an instant: deadlines end at the end of the day in London (ICO). */
export function londonDate(instant: Date): CalendarDate {
  return LONDON.format(instant);
}

/** SHA-256 of a normalised email address: links one person's requests, and the suppression list, without decrypting. */
export function emailHash(normalisedEmail: string): string {
  return createHash('sha256').update(normalisedEmail, 'utf8').digest('hex');
}

/**
 * A keyed hash of a client address, for per-address rate limits. Keyed (HMAC under the session secret) because a plain
 * hash of an IPv4 address is reversed by trying all 2^32 of them.
 */
export function ipHash(deps: Pick<ServiceDeps, 'config'>, ip: string | null | undefined): string | null {
  if (!ip) return null;
  return createHmac('sha256', deps.config.sessionSecret ?? 'pledge-rights').update(`rights-ip|${ip}`).digest('hex');
}

/** The declaration of a published version, or undefined. */
export async function declarationOf(db: Db, version: number | null): Promise<Declaration | undefined> {
  if (version === null) return undefined;
  return (await versionByNumber(db, version))?.declaration;
}

/** The version in force now: the current published one (null when nothing is published). */
export async function versionInForce(db: Db): Promise<{ version: number; declaration: Declaration } | null> {
  const v = await currentVersion(db);
  return v ? { version: v.version, declaration: v.declaration } : null;
}

/** The clock settings a request's due date was computed with, stored with its clock state (`clock.settings`). */
export interface ClockSettingsUsed {
  region: Region;
  method: PeriodMethod;
  pauseCounting: PauseCounting;
}

const METHODS: readonly string[] = ['calendar_month', 'fixed_28_days'] satisfies PeriodMethod[];
const COUNTINGS: readonly string[] = ['resume_day_after_answer', 'both_days_paused'] satisfies PauseCounting[];

/** The settings stored with a request's clock, or undefined for a row stored before they were (or a damaged one). */
export function settingsStoredWith(clock: unknown): ClockSettingsUsed | undefined {
  const s = (clock as { settings?: Partial<Record<keyof ClockSettingsUsed, unknown>> } | null)?.settings;
  if (!s || !isRegion(s.region) || !METHODS.includes(String(s.method)) || !COUNTINGS.includes(String(s.pauseCounting))) return undefined;
  return { region: s.region, method: s.method as PeriodMethod, pauseCounting: s.pauseCounting as PauseCounting };
}

/** A stored clock's state (its dates), without the settings stored beside them. */
export function clockStateOf(clock: unknown): RequestClockState {
  const { settings: _settings, ...state } = clock as RequestClockState & { settings?: unknown };
  return state;
}

/** What to store in rights_requests.clock: the state and the settings its due date was computed with. */
export function storedClock(state: RequestClockState, settings: ClockSettings): string {
  return JSON.stringify({ ...clockStateOf(state), settings: settingsUsed(settings) });
}

/** The plain settings of a computation (the region of its calendar, the method and pause reading with their defaults). */
export function settingsUsed(settings: ClockSettings): ClockSettingsUsed {
  return { region: resolveCalendar(settings.region).region, method: settings.method ?? 'calendar_month', pauseCounting: settings.pauseCounting ?? 'resume_day_after_answer' };
}

/**
 * How the clock runs for a request: the organisation's region (from the declaration in force when the request was
 * received; England and Wales when none is published) with its bank holidays (shipped, loaded from the
 * PLEDGE_HOLIDAYS_FILE list, or computed by rule), the period method and the pause reading, and the declaration's own
 * promise where it is shorter than the law (the clock honours the stricter, and says which applied).
 *
 * The method, pause reading and region are those stored with the request's clock (`stored`, rights_requests.clock)
 * once its due date has been computed: a request keeps the settings its due date (and the date the person was told)
 * came from, so changing PLEDGE_RIGHTS_PERIOD or PLEDGE_RIGHTS_PAUSE_COUNTING applies to requests received after the
 * change, and the record explains the stored date. A row stored before the settings were kept uses the current ones.
 */
export function clockSettings(deps: Pick<ServiceDeps, 'config'>, declaration: Declaration | undefined, stored?: unknown): ClockSettings {
  const used = settingsStoredWith(stored);
  const declared = declaration?.organisation.region;
  const region: Region = used?.region ?? (isRegion(declared) ? declared : 'england-and-wales');
  const promise = promiseFromResponsePeriod(declaration?.rights?.response_period);
  return {
    region: holidayCalendar(deps.config, region),
    method: used?.method ?? deps.config.rightsPeriod,
    pauseCounting: used?.pauseCounting ?? deps.config.rightsPauseCounting,
    ...(promise ? { promise } : {}),
  };
}

/** The organisation's name for emails and pages: the declaration's legal name, else the configured sender's name. */
export function organisationName(deps: Pick<ServiceDeps, 'config'>, declaration: Declaration | undefined): string {
  if (declaration) return declaration.organisation.trading_names?.[0] ?? declaration.organisation.legal_name;
  const m = /^\s*"?([^"<]+?)"?\s*</.exec(deps.config.mailFrom);
  return m?.[1]?.trim() || 'Pledge';
}

/** An absolute link on this service. */
export function publicLink(deps: Pick<ServiceDeps, 'config'>, path: string): string {
  return `${deps.config.publicUrl.replace(/\/+$/, '')}${path}`;
}
