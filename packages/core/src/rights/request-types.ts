/**
 * The kinds of rights request a person can make, in plain words: the privacy centre asks "what do you want?",
 * not "which article?". Each names the right it is (UK GDPR Arts 15-21, Art 7(3)); "other" is a request in the
 * person's own words, which staff classify (ICO: a request need not name the law or use any particular words).
 */
export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdraw_consent', 'other'] as const;

export type RequestType = (typeof REQUEST_TYPES)[number];

export interface RequestTypeWords {
  /** What the person chooses on the first page, in their words. */
  choice: string;
  /** One line under the choice, saying what happens. */
  explanation: string;
  /** The title of the form, and of the request in emails. */
  title: string;
  /** The label of the free-text box on the form. */
  detailsLabel: string;
  /** The hint under that box. */
  detailsHint: string;
  /** Whether the person must write something (rectification: what is wrong; other: what they want). */
  detailsRequired: boolean;
  /** The law, for staff and for the record. */
  article: string;
}

export const REQUEST_TYPE_WORDS: Record<RequestType, RequestTypeWords> = {
  access: {
    choice: 'Get a copy of my data',
    explanation: 'We send you a copy of the personal data we hold about you, and explain how we use it.',
    title: 'A copy of your data',
    detailsLabel: 'Anything that helps us find your data (optional)',
    detailsHint: 'For example other email addresses you used, an account or order number, or the dates you are interested in.',
    detailsRequired: false,
    article: 'UK GDPR Art 15 (right of access)',
  },
  rectification: {
    choice: 'Correct something that is wrong',
    explanation: 'Tell us what is wrong or incomplete and we will correct it.',
    title: 'A correction to your data',
    detailsLabel: 'What is wrong, and what should it say?',
    detailsHint: 'For example: "My surname is spelt Smyth, not Smith."',
    detailsRequired: true,
    article: 'UK GDPR Art 16 (right to rectification)',
  },
  erasure: {
    choice: 'Delete my data',
    explanation: 'We delete your personal data, except what the law requires us to keep; we tell you what we kept and why.',
    title: 'Deleting your data',
    detailsLabel: 'Anything we should know (optional)',
    detailsHint: 'For example which account or service this is about, or why you want it deleted.',
    detailsRequired: false,
    article: 'UK GDPR Art 17 (right to erasure)',
  },
  restriction: {
    choice: 'Stop using my data for now, but keep it',
    explanation: 'For example while you dispute whether it is accurate, or need it kept for a legal claim.',
    title: 'Limiting the use of your data',
    detailsLabel: 'Why should we limit the use of your data?',
    detailsHint: 'For example: "The address you hold is wrong and I have asked you to correct it."',
    detailsRequired: false,
    article: 'UK GDPR Art 18 (right to restriction)',
  },
  portability: {
    choice: 'Get my data in a file I can take elsewhere',
    explanation: 'We send the data you gave us in a machine-readable file (such as CSV or JSON).',
    title: 'Your data in a portable file',
    detailsLabel: 'Anything that helps us (optional)',
    detailsHint: 'For example the account this is about, or the organisation you want to move it to.',
    detailsRequired: false,
    article: 'UK GDPR Art 20 (right to data portability)',
  },
  objection: {
    choice: 'Stop using my data for marketing or for your own interests',
    explanation: 'Marketing stops at once. For other uses based on our interests, we stop unless we have compelling grounds, which we will explain.',
    title: 'Your objection',
    detailsLabel: 'What do you object to? (optional)',
    detailsHint: 'For example "marketing emails", or a use of your data you do not agree with.',
    detailsRequired: false,
    article: 'UK GDPR Art 21 (right to object; direct marketing: Art 21(2)-(3))',
  },
  withdraw_consent: {
    choice: 'Withdraw a consent I gave',
    explanation: 'We stop what you consented to. This does not affect what we did before.',
    title: 'Withdrawing your consent',
    detailsLabel: 'Which consent do you withdraw? (optional)',
    detailsHint: 'For example "newsletters" or "analytics cookies". Leave empty to withdraw every consent you gave us.',
    detailsRequired: false,
    article: 'UK GDPR Art 7(3) (withdrawal of consent)',
  },
  other: {
    choice: 'Something else',
    explanation: 'Tell us in your own words. You do not need to use legal terms.',
    title: 'Your request',
    detailsLabel: 'What would you like us to do?',
    detailsHint: 'Write it as you would to a person. We will work out which of your rights applies.',
    detailsRequired: true,
    article: 'UK GDPR Arts 15-22 (ICO: a request may be made in any words)',
  },
};

export const isRequestType = (v: unknown): v is RequestType => typeof v === 'string' && (REQUEST_TYPES as readonly string[]).includes(v);

/** Whether a request of this type deletes, changes or limits data: the recipients must be told (Art 19). */
export const NOTIFIES_RECIPIENTS: Record<RequestType, boolean> = {
  access: false,
  rectification: true,
  erasure: true,
  restriction: true,
  portability: false,
  objection: false,
  withdraw_consent: false,
  other: false,
};
