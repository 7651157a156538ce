import type { Rule, RuleReport } from '../rule.js';

/** The notice says who the controller is and how to reach it. */
export const controllerIdentity: Rule = {
  id: 'controller-identity',
  severity: 'error',
  title: 'The controller gives its address and a way to contact it',
  citation: 'UK GDPR Art 13(1)(a), Art 14(1)(a), Art 30(1)(a)',
  description:
    'The notice must give the identity and contact details of the controller. People need the legal name, a postal or registered address ' +
    'and a way to reach you (email, phone or web form), both to ask questions and to exercise their rights. Fill in `organisation.address` ' +
    'and `organisation.contact`.',
  example: 'organisation:\n  legal_name: Example Ltd\n  address: 1 High Street, Leeds LS1 1AA\n  contact:\n    email: privacy@example.com',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    const o = d.organisation;
    const c = o.contact;
    if (!o.address && !c?.address) {
      reports.push({ path: ['organisation'], message: `The organisation ${o.legal_name} gives no address. Add "address:" with the registered or postal address.` });
    }
    if (!c?.email && !c?.phone && !c?.url && !c?.address) {
      reports.push({
        path: c ? ['organisation', 'contact'] : ['organisation'],
        message: `The organisation ${o.legal_name} gives no contact details for privacy questions. Add "contact:" with an email address, phone number or web form.`,
      });
    }
    return reports;
  },
};
