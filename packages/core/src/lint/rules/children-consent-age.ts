import type { Rule, RuleReport } from '../rule.js';
import { eachBasis, label } from '../rule-helpers.js';

/** The UK age of digital consent (DPA 2018 s.9). */
const UK_CONSENT_AGE = 13;

/** Consent from under-13s for online services needs a parent's consent. */
export const childrenConsentAge: Rule = {
  id: 'children-consent-age',
  severity: 'error',
  title: 'Consent from children under 13 is given by a parent',
  citation: 'UK GDPR Art 8; DPA 2018 s.9',
  description:
    'Where an online service offered directly to a child relies on consent, a child under 13 cannot give it: a person with parental ' +
    'responsibility must, and you must make reasonable efforts to verify that (Art 8, with the UK age set at 13 by DPA 2018 s.9). ' +
    'If a subject group relying on consent includes under-13s, describe how parental consent is obtained and verified in `children.parental_consent`, ' +
    'or raise the minimum age.',
  example: 'children:\n  minimum_age: 8\n  parental_consent: A parent confirms by email link and a card check before the account opens',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    if (d.children?.parental_consent) return reports;
    const serviceAge = d.children?.minimum_age;
    const subjects = new Map(d.subjects.map((s) => [s.id, s]));
    for (const { purpose, basis, path } of eachBasis(d)) {
      if (basis.basis !== 'consent') continue;
      const young = purpose.subjects
        .map((id) => subjects.get(id))
        .filter((s) => s?.minimum_age !== undefined && s.minimum_age < UK_CONSENT_AGE)
        .map((s) => ({ subject: s!, age: s!.minimum_age! }));
      const age = young.length ? Math.min(...young.map((y) => y.age)) : serviceAge !== undefined && serviceAge < UK_CONSENT_AGE ? serviceAge : undefined;
      if (age === undefined) continue;
      reports.push({
        path,
        message:
          `The purpose ${label(purpose)} relies on consent from people as young as ${age}${young.length ? ` (${young.map((y) => label(y.subject)).join(', ')})` : ''}, ` +
          'but under-13s cannot consent for themselves. Add children.parental_consent saying how a parent consents and how you verify it, or use another basis.',
      });
    }
    return reports;
  },
};
