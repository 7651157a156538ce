import { z } from 'zod';

export const PROCESS_ROLES = ['web', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** One setting: its key, environment variable, command-line flag, default and meaning. The single source for docs/configuration.md. */
export interface SettingSpec {
  key: keyof ServiceConfig;
  env: string;
  flag: string;
  default: string;
  description: string;
  secret?: boolean;
}

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'host', env: 'PLEDGE_HOST', flag: '--host', default: '127.0.0.1', description: 'Address the web process listens on.' },
  { key: 'port', env: 'PLEDGE_PORT', flag: '--port', default: '8080', description: 'Port the web process listens on.' },
  { key: 'publicUrl', env: 'PLEDGE_PUBLIC_URL', flag: '--public-url', default: 'http://127.0.0.1:8080', description: 'Address people reach Pledge at; used in emails and links.' },
  { key: 'databaseUrl', env: 'DATABASE_URL', flag: '--database-url', default: '(embedded)', description: 'postgres://... to use PostgreSQL; unset for the embedded database.', secret: true },
  { key: 'dataDir', env: 'PLEDGE_DATA_DIR', flag: '--data-dir', default: './data', description: 'Folder for the embedded database, the mail outbox and generated secrets.' },
  { key: 'roles', env: 'PLEDGE_ROLE', flag: '--role', default: 'web,worker,scheduler', description: 'Process roles to run: web (HTTP), worker (jobs), scheduler (timed jobs); comma-separated.' },
  { key: 'logLevel', env: 'PLEDGE_LOG_LEVEL', flag: '--log-level', default: 'info', description: 'fatal, error, warn, info, debug or trace.' },
  { key: 'encryptionKeys', env: 'PLEDGE_ENCRYPTION_KEYS', flag: '--encryption-keys', default: '(generated in the data folder)', description: 'Keys for encryption at rest: "id:base64key,..." (32-byte keys; the first encrypts, all decrypt). Required with DATABASE_URL.', secret: true },
  { key: 'sessionSecret', env: 'PLEDGE_SESSION_SECRET', flag: '--session-secret', default: '(generated in the data folder)', description: 'Secret that signs session cookies (at least 32 characters). Required with DATABASE_URL.', secret: true },
  { key: 'requireMfa', env: 'PLEDGE_REQUIRE_MFA', flag: '--require-mfa', default: 'false', description: 'Require every staff user to use multi-factor authentication.' },
  { key: 'smtpUrl', env: 'PLEDGE_SMTP_URL', flag: '--smtp-url', default: '(outbox folder)', description: 'smtp://user:pass@host:port to send mail; unset writes mail to the outbox folder.', secret: true },
  { key: 'mailFrom', env: 'PLEDGE_MAIL_FROM', flag: '--mail-from', default: 'Pledge <privacy@localhost>', description: 'Sender of emails.' },
  { key: 'trustProxy', env: 'PLEDGE_TRUST_PROXY', flag: '--trust-proxy', default: 'false', description: 'Trust X-Forwarded-For from a reverse proxy (for client IPs and rate limits).' },
  { key: 'bodyLimit', env: 'PLEDGE_BODY_LIMIT', flag: '--body-limit', default: '1048576', description: 'Largest request body accepted, in bytes.' },
  { key: 'replyFileMaxBytes', env: 'PLEDGE_REPLY_FILE_MAX_BYTES', flag: '--reply-file-max-bytes', default: '26214400', description: 'Largest file staff may attach to a reply to a rights request, in bytes (25 MB).' },
  { key: 'replyLinkDays', env: 'PLEDGE_REPLY_LINK_DAYS', flag: '--reply-link-days', default: '7', description: 'Days a reply download link works; the files are then deleted.' },
  { key: 'identityFileMaxBytes', env: 'PLEDGE_IDENTITY_FILE_MAX_BYTES', flag: '--identity-file-max-bytes', default: '10485760', description: 'Largest proof of identity (a PDF or an image) a person may upload on their request status page, in bytes (10 MB).' },
  { key: 'identityRetentionDays', env: 'PLEDGE_IDENTITY_RETENTION_DAYS', flag: '--identity-retention-days', default: '30', description: 'Days after a rights request closes before uploaded proof of identity is deleted (UK GDPR Art 5(1)(c), (e)).' },
  { key: 'replyMaxDownloads', env: 'PLEDGE_REPLY_MAX_DOWNLOADS', flag: '--reply-max-downloads', default: '5', description: 'Times a reply download link may be used before it stops working.' },
  { key: 'declaration', env: 'PLEDGE_DECLARATION', flag: '--declaration', default: '(none)', description: 'A declaration file or folder to publish at start if it differs from the current version.' },
  { key: 'rightsReminderDays', env: 'PLEDGE_RIGHTS_REMINDER_DAYS', flag: '--rights-reminder-days', default: '5', description: 'Rights requests: remind the assignee (or the privacy officers) this many days before a request is due.' },
  { key: 'rightsChaseDays', env: 'PLEDGE_RIGHTS_CHASE_DAYS', flag: '--rights-chase-days', default: '14', description: 'Rights requests waiting for the person (a fee, proof of identity, evidence of authority; no due date runs): remind the assignee (or the privacy officers) once this many days after it was asked, to chase the person or close the request.' },
  { key: 'rightsPeriod', env: 'PLEDGE_RIGHTS_PERIOD', flag: '--rights-period', default: 'calendar_month', description: 'Rights requests: calendar_month (the ICO\'s method) or fixed_28_days (also accepted by the ICO). A request keeps the method its due date was first computed with.' },
  { key: 'rightsPauseCounting', env: 'PLEDGE_RIGHTS_PAUSE_COUNTING', flag: '--rights-pause-counting', default: 'resume_day_after_answer', description: 'Rights requests, days a clarification stops the clock: resume_day_after_answer (the earlier due date) or both_days_paused. A request keeps the reading its due date was first computed with.' },
  { key: 'holidaysFile', env: 'PLEDGE_HOLIDAYS_FILE', flag: '--holidays-file', default: '(none: 2025-2028 shipped, other years computed by rule)', description: "Rights requests: a bank-holidays file in GOV.UK's format (download https://www.gov.uk/bank-holidays.json); each year in it replaces that year's shipped or computed dates, so one-off holidays count. Read at start: a file that cannot be used stops the service." },
  { key: 'rightsFeeInstructions', env: 'PLEDGE_RIGHTS_FEE_INSTRUCTIONS', flag: '--rights-fee-instructions', default: '(none)', description: 'Rights requests: how to pay a fee (bank details, a payment page, a cheque address), used when staff asking a fee give none (Art 12(5), Art 15(3)).' },
  { key: 'consentOrigins', env: 'PLEDGE_CONSENT_ORIGINS', flag: '--consent-origins', default: '(none)', description: "The organisation's website origins (comma-separated, e.g. https://www.example.com) allowed to post banner receipts to /consent/receipts (CORS)." },
  { key: 'consentRateLimit', env: 'PLEDGE_CONSENT_RATE_LIMIT', flag: '--consent-rate-limit', default: '600', description: 'Banner receipts accepted per client address per minute on the public /consent/receipts.' },
];

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])]).transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export const ServiceConfig = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  publicUrl: z.string().url('publicUrl must be an absolute URL such as https://privacy.example.com').default('http://127.0.0.1:8080'),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://').optional(),
  dataDir: z.string().default('./data'),
  roles: z
    .union([z.string(), z.array(z.string())])
    .default('web,worker,scheduler')
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(PROCESS_ROLES, { message: 'roles are web, worker and scheduler' })).min(1)),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  encryptionKeys: z.string().optional(),
  sessionSecret: z.string().min(32, 'the session secret must be at least 32 characters').optional(),
  requireMfa: bool.default(false),
  smtpUrl: z.string().regex(/^smtps?:\/\//, 'the SMTP URL starts with smtp:// or smtps://').optional(),
  mailFrom: z.string().default('Pledge <privacy@localhost>'),
  trustProxy: bool.default(false),
  bodyLimit: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1_048_576),
  declaration: z.string().optional(),
  rightsReminderDays: z.coerce.number().int().min(0).max(60).default(5),
  rightsChaseDays: z.coerce.number().int().min(1).max(365).default(14),
  rightsPeriod: z.enum(['calendar_month', 'fixed_28_days']).default('calendar_month'),
  rightsPauseCounting: z.enum(['resume_day_after_answer', 'both_days_paused']).default('resume_day_after_answer'),
  holidaysFile: z.string().min(1).optional(),
  rightsFeeInstructions: z.string().max(5000).optional(),
  consentOrigins: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each consent origin is scheme://host[:port], e.g. https://www.example.com'))),
  consentRateLimit: z.coerce.number().int().min(1).max(1_000_000).default(600),
  replyFileMaxBytes: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(25 * 1024 * 1024),
  replyLinkDays: z.coerce.number().int().min(1).max(90).default(7),
  replyMaxDownloads: z.coerce.number().int().min(1).max(100).default(5),
  identityFileMaxBytes: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  identityRetentionDays: z.coerce.number().int().min(0).max(3650).default(30),
});

export type ServiceConfig = z.output<typeof ServiceConfig>;
