import { createHash, createHmac } from 'node:crypto';
import { isRegion, promiseFromResponsePeriod, type CalendarDate, type ClockSettings, type Declaration } from '@pledge/core';
import type { Kysely, Transaction } from 'kysely';
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

/**
 * How the clock runs for a request: the organisation's region (from the declaration in force when the request was
 * received; England and Wales when none is published), the period method and the pause reading (settings), and the
 * declaration's own promise where it is shorter than the law (the clock honours the stricter, and says which applied).
 */
export function clockSettings(deps: Pick<ServiceDeps, 'config'>, declaration: Declaration | undefined): ClockSettings {
  const region = declaration?.organisation.region;
  const promise = promiseFromResponsePeriod(declaration?.rights?.response_period);
  return {
    region: isRegion(region) ? region : 'england-and-wales',
    method: deps.config.rightsPeriod,
    pauseCounting: deps.config.rightsPauseCounting,
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
