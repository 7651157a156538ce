import { readFileSync } from 'node:fs';
import { PledgeError } from '../errors/pledge-error.js';
import { loadHolidaysFile } from './holidays-file.js';
import { ServiceConfig, SETTINGS } from './service-config.js';

/**
 * Configuration from, in rising precedence: defaults, a JSON file (PLEDGE_CONFIG or `file`), environment variables,
 * then flags. Every setting is listed once in SETTINGS with its env name and flag.
 */
export function loadConfig(sources: { env?: Record<string, string | undefined>; flags?: Record<string, unknown>; file?: string } = {}): ServiceConfig {
  const env = sources.env ?? {};
  const merged: Record<string, unknown> = {};
  const file = sources.file ?? env.PLEDGE_CONFIG;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new PledgeError('invalid_input', `Cannot read the configuration file ${file}: ${(e as Error).message}.`);
    }
    try {
      Object.assign(merged, JSON.parse(text));
    } catch (e) {
      throw new PledgeError('invalid_input', `The configuration file ${file} is not valid JSON: ${(e as Error).message}.`);
    }
  }
  for (const s of SETTINGS) {
    const v = env[s.env];
    if (v !== undefined && v !== '') merged[s.key] = v;
  }
  for (const [k, v] of Object.entries(sources.flags ?? {})) if (v !== undefined) merged[k] = v;
  // Links in emails and the setup link must reach this service: without a public address, use the one it listens on.
  if (merged.publicUrl === undefined && merged.port !== undefined && Number(merged.port) !== 0) {
    const host = String(merged.host ?? '127.0.0.1');
    merged.publicUrl = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${Number(merged.port)}`;
  }
  const parsed = ServiceConfig.safeParse(merged);
  if (!parsed.success) {
    const msgs = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const spec = SETTINGS.find((s) => s.key === key);
      return `${spec ? `${spec.env} / ${spec.flag}` : key || 'configuration'}: ${i.message}`;
    });
    throw new PledgeError('invalid_input', `Invalid configuration. ${msgs.join('; ')}.`);
  }
  // A bank-holidays file that cannot be used stops the service now, not on the first due date.
  if (parsed.data.holidaysFile) loadHolidaysFile(parsed.data.holidaysFile);
  return parsed.data;
}
