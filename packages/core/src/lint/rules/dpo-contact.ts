import type { Rule, RuleReport } from '../rule.js';

/** A DPO, where appointed, can be reached directly. */
export const dpoContact: Rule = {
  id: 'dpo-contact',
  severity: 'warning',
  title: 'The DPO, where there is one, has contact details',
  citation: 'UK GDPR Art 13(1)(b), Art 37(7), Art 38(4)',
  description:
    'Where a data protection officer is appointed, the notice must give the DPO\'s contact details, so people can reach the DPO directly about their ' +
    'data (Art 38(4)). A name is not needed; an email address, phone number or postal address is. Add one to `organisation.dpo`.',
  example: 'organisation:\n  dpo:\n    name: Data Protection Officer\n    email: dpo@example.com',
  check({ declaration: d }) {
    const dpo = d.organisation.dpo;
    if (!dpo || dpo.email || dpo.phone || dpo.address) return [];
    const report: RuleReport = {
      path: ['organisation', 'dpo'],
      message: 'The data protection officer has no contact details. Add an email address, phone number or postal address under organisation.dpo.',
    };
    return [report];
  },
};
