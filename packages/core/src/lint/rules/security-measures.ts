import type { Rule, RuleReport } from '../rule.js';

/** The record of processing describes the security measures. */
export const securityMeasures: Rule = {
  id: 'security-measures',
  severity: 'warning',
  title: 'Security measures are described',
  citation: 'UK GDPR Art 30(1)(g), Art 30(2)(d), Art 32',
  description:
    'The record of processing must include, where possible, a general description of the technical and organisational security measures (Art 30(1)(g)), ' +
    'and Art 32 requires measures appropriate to the risk. People also look for reassurance in the notice. List them under `security.measures` ' +
    '(e.g. encryption in transit and at rest, role-based access, multi-factor authentication).',
  example: 'security:\n  measures:\n    - name: Encryption in transit (TLS) and at rest (AES-256)\n    - name: Multi-factor authentication for staff',
  check({ declaration: d }) {
    if (d.security?.measures.length) return [];
    const report: RuleReport = {
      path: d.security ? ['security', 'measures'] : [],
      message: 'No security measures are described. Add "security:" with a list of measures (e.g. encryption, access control, MFA) for the record of processing and the notice.',
    };
    return [report];
  },
};
