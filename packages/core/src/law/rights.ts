import type { z } from 'zod';
import type { RightName } from '../declaration/schema/rights.js';

type Right = z.infer<typeof RightName>;

/** The rights people have (UK GDPR Arts 13(2)(b)-(d), 15-22), with reader-facing wording. */
export const RIGHTS: Record<Right, { article: string; label: string; explanation: string }> = {
  informed: { article: 'Arts 13-14', label: 'Right to be informed', explanation: 'to be told how your personal data is used, as this notice does' },
  access: { article: 'Art 15', label: 'Right of access', explanation: 'to ask for a copy of your personal data and information about how it is used' },
  rectification: { article: 'Art 16', label: 'Right to rectification', explanation: 'to have inaccurate data corrected and incomplete data completed' },
  erasure: { article: 'Art 17', label: 'Right to erasure', explanation: 'to have your data deleted in certain circumstances' },
  restriction: { article: 'Art 18', label: 'Right to restriction', explanation: 'to have the use of your data limited, for example while its accuracy is checked' },
  portability: { article: 'Art 20', label: 'Right to data portability', explanation: 'to receive data you gave us in a machine-readable format, or have it sent to another organisation' },
  objection: { article: 'Art 21', label: 'Right to object', explanation: 'to object to processing based on legitimate interests or a public task, and at any time to direct marketing' },
  withdraw_consent: { article: 'Art 7(3)', label: 'Right to withdraw consent', explanation: 'to withdraw consent at any time, without affecting processing before the withdrawal' },
  automated_decisions: { article: 'Art 22A-22D', label: 'Rights about automated decisions', explanation: 'to be told about significant decisions made solely by automated means, to make representations, to obtain human intervention and to contest the decision' },
};

/** The rights every notice must explain (Art 13(2)(b)); withdrawal and automated-decision rights depend on the processing. */
export const CORE_RIGHTS: readonly Right[] = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'];
