import { z } from 'zod';
import { RECEIPT_METHODS } from './consent-tables.js';

/** Most receipts one batch may carry. */
export const MAX_BATCH = 1000;
/** Most purposes and categories one receipt may name. */
export const MAX_CHOICES = 60;

export const Choice = z.enum(['granted', 'refused']);
const ChoiceKey = z.string().min(1).max(100);
export const Choices = z
  .record(ChoiceKey, Choice)
  .refine((c) => Object.keys(c).length <= MAX_CHOICES, `at most ${MAX_CHOICES} purposes and categories per receipt`)
  .describe('Purpose id or "cookie:<category>" -> "granted" or "refused".');
/** The banner's device id: random, at least 128 bits (it makes 32 hex digits). */
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, 'a random device id of 22 to 128 letters, digits, "-" or "_" (the banner makes 32 hex digits)');
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/, '8 to 128 letters, digits or "_.:-"');

export const ReceiptBody = z
  .object({
    person: z
      .object({
        subjectId: z.string().min(1).max(200).optional().describe('Your own id for the person.'),
        email: z.string().min(3).max(254).optional().describe('Stored encrypted, looked up by its SHA-256.'),
        deviceId: DeviceId.optional(),
      })
      .strict(),
    choices: Choices,
    method: z.enum(RECEIPT_METHODS),
    declarationVersion: z.string().min(1).max(64).optional().describe('The version of the notice the person was shown.'),
    page: z.string().max(2000).optional().describe('Where the choice was made; query string and fragment are dropped.'),
    userAgent: z.string().max(1000).optional(),
    ip: z.string().max(64).optional().describe("The person's IP address; only its /24 (IPv4) or /48 (IPv6) is stored."),
    givenAt: z.iso.datetime({ offset: true }).optional().describe('When the person chose; default: when recorded.'),
    idempotencyKey: IdempotencyKey.optional().describe('Retries with the same key store one receipt.'),
    age: z.number().int().min(0).max(130).optional().describe("The person's age, when known: the declaration's age rule for consent applies (Art 8)."),
    parentalConsent: z
      .object({ method: z.string().min(1).max(500), reference: z.string().min(1).max(500) })
      .strict()
      .optional()
      .describe('For a person under the declared age: how a parent consented and how it was verified, and where the evidence is.'),
  })
  .strict();

export const RecordResultSchema = z.object({
  receiptId: z.string().nullable(),
  status: z.enum(['recorded', 'duplicate', 'conflict']),
  recordedAt: z.string().nullable(),
  idempotencyKey: z.string(),
});

/** What the banner (@pledge/banner) posts to /consent/receipts. */
export const PublicReceiptBody = z
  .object({
    deviceId: DeviceId,
    choices: z
      .record(ChoiceKey, Choice)
      .refine((c) => Object.keys(c).length >= 1 && Object.keys(c).length <= 10, 'one to ten cookie categories')
      .describe('Cookie category -> "granted" or "refused".'),
    method: z.enum(['banner', 'gpc', 'dnt']),
    declarationVersion: z.string().min(1).max(64).optional(),
    page: z.string().max(2000).optional(),
    idempotencyKey: IdempotencyKey.optional(),
    givenAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the visitor chose, by the browser\'s clock (a receipt resent on a later page keeps it); kept within the last 183 days and never after its arrival. Default: when recorded.'),
  })
  .strict();

export const PersonQuerySchema = z.object({
  subjectId: z.string().min(1).max(200).optional(),
  email: z.string().min(3).max(254).optional(),
  emailHash: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  deviceId: DeviceId.optional(),
});
