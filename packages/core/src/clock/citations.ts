/** The law and guidance the clock implements, for steps, metadata and reviewers. */
export const CLOCK_CITATIONS = {
  period: 'UK GDPR Art 12(3) and Art 12A (one month from the relevant time)',
  relevantTime: 'UK GDPR Art 12A and Art 12(6) (identity), ICO right of access guidance (authority, fee)',
  method: 'ICO right of access guidance, "How long do we have to comply?" (day of receipt, corresponding date, month end, next working day; 28-day alternative)',
  extension: 'UK GDPR Art 12(3) (two further months for complexity or number of requests; tell the person, with reasons, within the first month); ICO: three months from the same start',
  pause: 'UK GDPR Art 12A and ICO right of access guidance, "Can we stop the clock?" (clarification)',
  complaint: 'Data Protection Act 2018 s.164A (acknowledge within 30 days, from 19 June 2026); ICO guidance on complaints',
  deadline: 'ICO right of access guidance (the period ends at the end of the day); Summer Time Act 1972 and Summer Time Order 2002 (Europe/London)',
} as const;
