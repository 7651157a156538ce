import { z } from 'zod';
import { Duration, Id, IdRefs, Text } from './common.js';

export const RetentionRule = z
  .object({
    id: Id,
    name: Text.optional(),
    purposes: IdRefs.optional().describe('The rule covers every data category these purposes use.'),
    data_categories: IdRefs.optional().describe('Or: the rule covers these categories in whichever purpose.'),
    period: Duration.optional().describe('How long: "24 months", "6 years". Omit when only criteria can be given.'),
    from: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'name the trigger event in snake_case, e.g. last_contact')
      .optional()
      .describe('The event the period runs from: collected, last_contact, contract_end, ticket_resolved, application_closed, consent_withdrawn, customer_instruction, or your own event name.'),
    reset_by: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).optional().describe('Events that restart the period, e.g. reply_received.'),
    criteria: Text.optional().describe('Where no fixed period can be given: the criteria used to set it (Art 13(2)(a)).'),
    reason: Text.optional().describe('Why this long, e.g. the statute that requires it.'),
    action: z.enum(['delete', 'anonymise']).default('delete'),
    legal_holds: z.array(z.enum(['complaint', 'litigation', 'regulatory_investigation', 'legal_obligation'])).optional().describe('Situations that suspend deletion.'),
  })
  .strict();

export type RetentionRule = z.infer<typeof RetentionRule>;
