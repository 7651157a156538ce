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

export const Cookies = z
  .object({
    consent_mechanism: z
      .enum(['banner', 'none', 'browser_settings', 'continued_use'])
      .describe('How consent for non-exempt cookies is asked. browser_settings and continued_use are not valid consent.'),
    honour_do_not_track: z.boolean().optional(),
    honour_global_privacy_control: z.boolean().optional(),
    claimed_categories: z.array(CookieCategory).optional().describe('Categories the notice says are the only ones used.'),
    policy_url: z.string().optional(),
    items: z.array(Cookie),
  })
  .strict();

export type Cookie = z.infer<typeof Cookie>;
export type Cookies = z.infer<typeof Cookies>;
