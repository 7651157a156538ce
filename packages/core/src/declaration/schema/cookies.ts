import { z } from 'zod';
import { Id, Text } from './common.js';

export const CookieCategory = z.enum(['strictly_necessary', 'functionality', 'statistics', 'marketing']);

export const Cookie = z
  .object({
    id: Id,
    name: Text.describe('Cookie or technology name as set on the device: "_ga", "csrf_token", "local storage: theme".'),
    provider: Text.optional(),
    recipient: Id.optional().describe('Id of the recipient that receives data through it (third-party cookies).'),
    category: CookieCategory,
    purpose: Text.describe('What it does, in plain words.'),
    duration: Text.optional().describe('"session", "2 years".'),
    party: z.enum(['first', 'third']).default('first'),
    exemption: z
      .enum(['none', 'communication', 'strictly_necessary', 'statistics', 'appearance', 'emergency'])
      .default('none')
      .describe('PECR reg 6 exception claimed (as amended by DUAA 2025). none means consent is asked.'),
    opt_out: z.boolean().optional().describe('For statistics/appearance exemptions: a simple free way to object is offered.'),
  })
  .strict();

/**
 * The strings the cookie banner (@pledge/banner, src/strings.ts) shows, mirrored here so core does not depend on the
 * banner (a test checks the two lists agree), each with its longest allowed length: the first layer must stay short
 * and clear (ICO guidance on cookies: information must be clear and comprehensive, the choice prominent). Category
 * names use the category id, their descriptions `<id>_desc`.
 */
export const BANNER_STRING_LIMITS = {
  title: 80,
  intro: 600,
  accept: 40,
  reject: 40,
  choose: 40,
  save: 40,
  notice: 80,
  always: 40,
  optout: 300,
  cookies: 60,
  strictly_necessary: 60,
  strictly_necessary_desc: 300,
  functionality: 60,
  functionality_desc: 300,
  statistics: 60,
  statistics_desc: 300,
  marketing: 60,
  marketing_desc: 300,
} as const;

export type BannerStringKey = keyof typeof BANNER_STRING_LIMITS;
export const BANNER_STRING_KEYS = Object.keys(BANNER_STRING_LIMITS) as BannerStringKey[];

/** One language's wording: any of the banner's keys, plain text (shown as text, never as HTML). */
export const BannerWording = z
  .object(
    Object.fromEntries(
      BANNER_STRING_KEYS.map((k) => [
        k,
        z
          .string()
          .trim()
          .min(1, 'text may not be empty: remove the key to keep the banner\'s own wording')
          .max(BANNER_STRING_LIMITS[k], `at most ${BANNER_STRING_LIMITS[k]} characters: the banner must stay short; put the detail in the cookie notice`)
          .optional(),
      ]),
    ) as { [K in BannerStringKey]: z.ZodOptional<z.ZodString> },
  )
  .strict()
  .describe(`The banner's wording in one language, plain text (no HTML). Keys: ${BANNER_STRING_KEYS.join(', ')}; any left out keep the banner's own.`);

export const CookieBanner = z
  .object({
    strings: z
      .object({ en: BannerWording.optional(), cy: BannerWording.optional() })
      .strict()
      .optional()
      .describe('The organisation\'s own wording for the cookie banner, in English (en) and Welsh (cy).'),
  })
  .strict()
  .describe('How Pledge\'s cookie banner is shown (served at /consent/banner.js).');

export const Cookies = z
  .object({
    consent_mechanism: z
      .enum(['banner', 'none', 'browser_settings', 'continued_use'])
      .describe('How consent for non-exempt cookies is asked. browser_settings and continued_use are not valid consent.'),
    honour_do_not_track: z.boolean().optional(),
    honour_global_privacy_control: z.boolean().optional(),
    claimed_categories: z.array(CookieCategory).optional().describe('Categories the notice says are the only ones used.'),
    policy_url: z.string().optional(),
    banner: CookieBanner.optional(),
    items: z.array(Cookie),
  })
  .strict();

export type Cookie = z.infer<typeof Cookie>;
export type Cookies = z.infer<typeof Cookies>;
export type BannerWording = z.infer<typeof BannerWording>;
