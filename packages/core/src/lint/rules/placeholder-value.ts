import type { Rule, RuleReport } from '../rule.js';
import { findPlaceholder } from '../rule-helpers.js';

export const placeholderValue: Rule = {
  id: 'placeholder-value',
  severity: 'error',
  title: 'No placeholder ("TBC", "TODO", "[insert ...]") is left in the declaration',
  citation: 'UK GDPR Art 12(1) (information must be concise, intelligible and complete); Arts 13-14',
  description:
    'A placeholder published in a privacy notice tells people nothing: a retention period of "TBC" is no retention period (Art 13(2)(a)), ' +
    'an ICO registration "TBC" cannot be checked on the register. Replace each placeholder with the real value before publishing.',
  check({ index }) {
    const reports: RuleReport[] = [];
    for (const { path, value } of index.texts()) {
      const found = findPlaceholder(value);
      if (found) reports.push({ path, message: `"${found}" is a placeholder, not a value (${path.join('.')}). Write the real value before publishing.` });
    }
    return reports;
  },
};
