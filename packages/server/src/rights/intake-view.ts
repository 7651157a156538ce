import { FEE_GROUNDS, FEE_GROUND_WORDS } from '@pledge/core';
import { z } from 'zod';
import type { RequestRow, RightsDeps } from './apply-action.js';
import { feeOf } from './fee-actions.js';

const Day = z.string().describe('A calendar date, YYYY-MM-DD (Europe/London)');

/** What staff see of how a request came in, who asks for whom, and its fee (GET /api/rights/requests/:id). */
export const IntakeViewOut = z.object({
  channel: z.string().describe('web (the privacy centre), email, letter, phone, in_person, or preference_centre (an Art 21(1) objection made in the preference centre through the emailed link)'),
  contact: z.string().nullable().describe('A postal address or phone note, for a request without an email address'),
  onBehalfOf: z.object({ name: z.string(), relationship: z.string().nullable() }).nullable().describe('Someone asks for another person: whom it is about, and how they are related (ICO: requests made on behalf of others)'),
  fee: z
    .object({
      ground: z.enum(FEE_GROUNDS),
      groundWords: z.string(),
      article: z.string(),
      amountPence: z.number().int(),
      instructions: z.string(),
      askedOn: Day,
      paidOn: Day.nullable(),
      unpaidClosedOn: Day.nullable(),
    })
    .nullable()
    .describe('The fee asked (Art 12(5)(a), Art 15(3))'),
});

export function intakeView(deps: Pick<RightsDeps, 'cipher'>, row: RequestRow): z.output<typeof IntakeViewOut> {
  const dec = (v: string | null, column: string) => (v === null ? null : deps.cipher.decrypt(v, `rights_requests.${column}`));
  const fee = feeOf(row);
  const onBehalf = dec(row.on_behalf_of_enc, 'on_behalf_of_enc');
  return {
    channel: row.channel,
    contact: dec(row.contact_enc, 'contact_enc'),
    onBehalfOf: onBehalf === null ? null : { name: onBehalf, relationship: dec(row.relationship_enc, 'relationship_enc') },
    fee: fee
      ? { ground: fee.ground, groundWords: FEE_GROUND_WORDS[fee.ground].plain, article: FEE_GROUND_WORDS[fee.ground].article, amountPence: fee.amountPence, instructions: fee.instructions, askedOn: fee.askedOn, paidOn: fee.paidOn ?? null, unpaidClosedOn: fee.unpaidClosedOn ?? null }
      : null,
  };
}
