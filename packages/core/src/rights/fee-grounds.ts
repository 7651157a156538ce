/**
 * Why a fee is asked for a rights request, in plain words for the person and with the law for staff. Requests are
 * free; a reasonable fee (administrative costs) may be charged only where a request is manifestly unfounded or
 * excessive (UK GDPR Art 12(5)(a)), or for further copies of data already provided (Art 15(3)). The relevant time
 * then runs from payment (Art 12A; ICO right of access guidance: "you do not need to comply until you receive the fee").
 */
export const FEE_GROUNDS = ['manifestly_unfounded', 'excessive', 'further_copies'] as const;

export type FeeGround = (typeof FEE_GROUNDS)[number];

export const FEE_GROUND_WORDS: Record<FeeGround, { plain: string; article: string }> = {
  manifestly_unfounded: { plain: 'we consider the request manifestly unfounded: it does not appear to be a genuine request to exercise your rights', article: 'UK GDPR Art 12(5)(a)' },
  excessive: { plain: 'we consider the request manifestly excessive, for example because it repeats a request we have already answered', article: 'UK GDPR Art 12(5)(a)' },
  further_copies: { plain: 'you asked for further copies of personal data we have already given you: the first copy is free, further copies may carry a reasonable fee', article: 'UK GDPR Art 15(3)' },
};

/** An amount in pence as people read it: £10.00. */
export const formatPence = (pence: number): string => `£${(pence / 100).toFixed(2)}`;

/** The fee asked on a request, as stored with it: amounts in pence, dates in Europe/London. */
export interface RequestFee {
  ground: FeeGround;
  amountPence: number;
  /** How to pay: the staff member's text, or the organisation's default (PLEDGE_RIGHTS_FEE_INSTRUCTIONS). */
  instructions: string;
  askedOn: string;
  paidOn?: string;
  /** Closed because the fee was not paid. */
  unpaidClosedOn?: string;
}
