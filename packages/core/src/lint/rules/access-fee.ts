import type { Rule, RuleReport } from '../rule.js';

/** Sentences that mention paying. */
const MENTIONS_FEE = /\b(fees?|charges?|charged|charging|pay|payment|costs?)\b|£\s?\d/i;
/** Sentences that say no fee is due. */
const NEGATED = /\b(no|not|never|free|without (charge|cost)|won't|will not|do not|don't|does not|doesn't)\b/i;
/** The lawful exceptions: manifestly unfounded or excessive requests, and further copies (Art 12(5), Art 15(3)). */
const EXCEPTION = /\b(unfounded|excessive|repetitive|repeated|further cop(y|ies)|additional cop(y|ies)|extra cop(y|ies)|more than one copy)/i;

/** True when a sentence of the statement says a fee is charged for ordinary requests. */
function chargesForRequests(statement: string): string | undefined {
  return statement
    .split(/(?<=[.!?;])\s+/)
    .find((s) => MENTIONS_FEE.test(s) && !NEGATED.test(s) && !EXCEPTION.test(s));
}

/** Rights requests are free of charge. */
export const accessFee: Rule = {
  id: 'access-fee',
  severity: 'error',
  title: 'Rights requests, including access, are free',
  citation: 'UK GDPR Art 12(5), Art 15(3); ICO guidance on the right of access',
  description:
    'Information and action on rights requests must be free. A reasonable fee for administrative costs may be charged only where a request is manifestly ' +
    'unfounded or excessive (especially if repetitive), or for further copies of data already provided (Art 15(3)). A notice that says access costs money ' +
    'puts people off using their rights. Set `rights.fee` to free or unfounded_or_excessive_only, and word `fee_statement` accordingly.',
  example: 'rights:\n  fee: unfounded_or_excessive_only\n  fee_statement: Requests are free. We may charge a reasonable fee for further copies or manifestly unfounded or excessive requests.',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const r = d.rights;
    if (!r) return reports;
    if (r.fee === 'charged') {
      reports.push({
        path: ['rights', 'fee'],
        message: 'The declaration says a fee is charged for rights requests, but requests are free. Set fee to free (or unfounded_or_excessive_only) and stop charging for access.',
      });
      return reports; // the statement says the same thing; one report is enough
    }
    const sentence = r.fee_statement ? chargesForRequests(r.fee_statement) : undefined;
    if (sentence) {
      reports.push({
        path: ['rights', 'fee_statement'],
        message: `The fee statement says "${sentence.trim()}", but requests are free. Say that requests are free, and that a reasonable fee applies only to manifestly unfounded or excessive requests or further copies.`,
      });
    }
    return reports;
  },
};
