import { z } from 'zod';

/** An identifier other items use to refer to this one: lower case, digits, `_` and `-`. */
export const Id = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'an id is lower case letters, digits, "_" or "-", starting with a letter (e.g. "contact_details")')
  .describe('Identifier other items refer to: lower case letters, digits, "_" and "-", starting with a letter.');

/** A list of ids pointing at items declared elsewhere in the file. */
export const IdRefs = z.array(Id);

/** Free text shown to readers of the notice. */
export const Text = z.string().min(1, 'text may not be empty: remove the key or write the text');

/**
 * A period such as "24 months", "6 years", "30 days", "1 month", "2 weeks".
 * Kept as text in the schema so a placeholder like "TBC" reaches the checks, which name it precisely.
 */
export const Duration = z
  .string()
  .describe('A period: a whole number and a unit, e.g. "30 days", "1 month", "24 months", "6 years".');

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD, e.g. 2026-02-05')
  .describe('A calendar date, YYYY-MM-DD.');

/** A country or area: ISO 3166-1 alpha-2 code, or EU / EEA for "somewhere in the EU/EEA". */
export const Location = z
  .string()
  .regex(/^([A-Z]{2}|EU|EEA|WORLDWIDE)$/, 'use an ISO 3166-1 alpha-2 country code such as GB, DE, US, or EU / EEA / WORLDWIDE')
  .describe('ISO 3166-1 alpha-2 country code (GB, DE, US, ...) or EU, EEA, WORLDWIDE.');

export const ContactPoint = z
  .object({
    name: Text.optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    address: Text.optional(),
    url: z.string().optional(),
  })
  .strict()
  .describe('How to reach a person or office: any of name, email, phone, postal address, web address.');

/** How people can reach the organisation for a given purpose (rights, complaints, withdrawal). */
export const Channel = z
  .object({
    type: z.enum(['email', 'web_form', 'post', 'phone', 'in_app', 'self_service', 'unsubscribe_link', 'preference_centre', 'browser_settings', 'cookie_banner']),
    value: Text.describe('The address, URL, number or a description of where to find it.'),
    note: Text.optional(),
  })
  .strict();

export type ContactPoint = z.infer<typeof ContactPoint>;
export type Channel = z.infer<typeof Channel>;
