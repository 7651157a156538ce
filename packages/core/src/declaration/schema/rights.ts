import { z } from 'zod';
import { Channel, Duration, IsoDate, Text } from './common.js';

export const RightName = z.enum([
  'informed',
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'withdraw_consent',
  'automated_decisions',
]);

export const Rights = z
  .object({
    channels: z.array(Channel).describe('Where people make requests.'),
    offered: z.array(RightName).optional().describe('Rights the notice explains (Art 13(2)(b)-(c)).'),
    response_period: Duration.describe('Promised answer time: "1 month" is the statutory limit (Art 12(3)); a shorter promise binds.'),
    extension: Duration.optional().describe('Further period for complex or numerous requests: at most "2 months" (Art 12(3)).'),
    fee: z
      .enum(['free', 'unfounded_or_excessive_only', 'charged'])
      .describe('free: no fee ever; unfounded_or_excessive_only: the Art 12(5) exception; charged: a fee for ordinary requests (unlawful).'),
    fee_statement: Text.optional(),
    identity_verification: Text.optional(),
    portability_formats: z.array(z.string()).optional(),
    withdraw_consent: Text.optional().describe('How to withdraw consent, where not stated per purpose.'),
    objection: Text.optional().describe('How to object (Art 21(4): shown separately).'),
  })
  .strict();

export const Complaints = z
  .object({
    channels: z.array(Channel).optional().describe('How to complain to the organisation (DPA 2018 s.164A).'),
    acknowledge_within: Duration.optional().describe('At most "30 days" (s.164A(3)).'),
    process: Text.optional(),
    ico: z
      .object({
        url: z.string().default('https://ico.org.uk/make-a-complaint/'),
        helpline: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('The right to complain to the ICO (Art 13(2)(d), Art 77).'),
  })
  .strict();

export const Changes = z
  .object({
    notify_by: z.array(z.enum(['email', 'website', 'in_app', 'post'])).optional(),
    statement: Text.optional(),
    history: z.array(z.object({ date: IsoDate, summary: Text }).strict()).optional(),
  })
  .strict();

export const Children = z
  .object({
    minimum_age: z.number().int().min(0).max(21).optional().describe('Youngest age the services are offered to.'),
    directed_at_children: z.boolean().optional(),
    parental_consent: Text.optional().describe('How a parent gives consent for under-13s (Art 8) and how it is verified.'),
    consent_age: z
      .number()
      .int()
      .min(13)
      .max(18)
      .optional()
      .describe(
        'Age from which a person gives their own consent (UK GDPR Art 8(1); 13 in the UK, DPA 2018 s.9). Set it (or directed_at_children) to apply the age rule to consent receipts: under it, a parent\'s consent must be evidenced.',
      ),
    statement: Text.optional(),
  })
  .strict();

export const Security = z
  .object({
    measures: z.array(z.object({ name: Text, description: Text.optional() }).strict()),
    certifications: z.array(Text).optional(),
    page: z.string().optional(),
    breach_procedure: Text.optional(),
  })
  .strict();

export type Rights = z.infer<typeof Rights>;
export type Complaints = z.infer<typeof Complaints>;
