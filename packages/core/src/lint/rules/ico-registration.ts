import type { Rule, RuleReport } from '../rule.js';
import { findPlaceholder } from '../rule-helpers.js';

/** Shapes of numbers on the ICO register of fee payers: ZA123456, ZB1234567-like, legacy two letters and six digits, C1234567. */
const ICO_NUMBER = /^(Z[A-Z0-9]{7}|[A-Z]{2}\d{6}|C\d{7})$/;

/** The organisation's registration with the ICO is stated and looks real. */
export const icoRegistration: Rule = {
  id: 'ico-registration',
  severity: 'warning',
  title: 'The ICO registration number is given and well formed',
  citation: 'Data Protection (Charges and Information) Regulations 2018; DPA 2018 ss.137-138',
  description:
    'Most organisations processing personal data must pay the data protection fee to the ICO and appear on its register of fee payers. ' +
    'Stating the registration number lets people and customers check it. Give it in `organisation.ico_registration` as shown on the register ' +
    '(e.g. ZA123456). If you are exempt from the fee, say so in the notice and ignore this warning.',
  example: 'organisation:\n  legal_name: Example Ltd\n  ico_registration: ZA123456',
  check({ declaration: d }) {
    const reg = d.organisation.ico_registration;
    if (reg === undefined) {
      return [{ path: ['organisation'], message: 'No ICO registration number is given. Add "ico_registration:" with the number from the ICO register of fee payers (e.g. ZA123456).' }];
    }
    // "TBC" and the like are reported by placeholder-value.
    if (findPlaceholder(reg)) return [];
    const normalised = reg.replace(/\s+/g, '').toUpperCase();
    if (ICO_NUMBER.test(normalised)) return [];
    const report: RuleReport = {
      path: ['organisation', 'ico_registration'],
      message: `"${reg}" does not look like an ICO registration number (e.g. ZA123456). Copy the number exactly as it appears on the ICO register of fee payers.`,
    };
    return [report];
  },
};
