import type { Rule, RuleReport } from '../rule.js';

/** People are told they can complain to the ICO. */
export const icoComplaintRoute: Rule = {
  id: 'ico-complaint-route',
  severity: 'error',
  title: 'The notice tells people they can complain to the ICO',
  citation: 'UK GDPR Art 13(2)(d), Art 14(2)(e), Art 77',
  description:
    'Everyone has the right to lodge a complaint with the Information Commissioner, and the notice must say so. Add `complaints.ico` ' +
    '(the ICO\'s complaint page is filled in by default; add the helpline 0303 123 1113 if you like).',
  example: 'complaints:\n  ico:\n    url: https://ico.org.uk/make-a-complaint/\n    helpline: 0303 123 1113',
  check({ declaration: d }) {
    if (d.complaints?.ico) return [];
    const report: RuleReport = {
      path: d.complaints ? ['complaints'] : [],
      message: 'The notice does not tell people they can complain to the ICO. Add "ico: {}" under complaints (the ICO complaint page is filled in), with the helpline 0303 123 1113 if you wish.',
    };
    return [report];
  },
};
