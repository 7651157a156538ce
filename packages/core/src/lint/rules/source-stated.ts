import type { Rule, RuleReport } from '../rule.js';
import { label } from '../rule-helpers.js';

/** Data not collected from the person names its source. */
export const sourceStated: Rule = {
  id: 'source-stated',
  severity: 'error',
  title: 'Data obtained from others names its source',
  citation: 'UK GDPR Art 14(2)(f), Art 14(1)(d), Art 14(3)',
  description:
    'When personal data comes from someone other than the person (a partner, a credit agency, a public register, a website), the notice must say ' +
    'from which source, and whether it was publicly accessible (Art 14(2)(f)). Describe each third_party or public source in `description`. ' +
    'Where a purpose gets its data only from others, Art 14 applies: the notice lists the categories of data and must reach people within a month.',
  example: 'sources:\n  - type: data_subject\n  - type: public\n    description: Companies House and your company website',
  check({ declaration: d }) {
    const reports: RuleReport[] = [];
    for (const [i, p] of d.purposes.entries()) {
      const sources = p.sources ?? [];
      for (const [k, s] of sources.entries()) {
        if ((s.type === 'third_party' || s.type === 'public') && !s.description) {
          reports.push({
            path: ['purposes', i, 'sources', k],
            message: `The purpose ${label(p)} obtains data from a ${s.type === 'public' ? 'public source' : 'third party'} without naming it. Add "description:" saying which ${s.type === 'public' ? 'publicly accessible source' : 'organisation or kind of organisation'} it is.`,
          });
        }
      }
      // Observed or generated data counts as obtained from the person (ICO guidance), so only third-party and public sources make it Art 14.
      if (sources.length > 0 && sources.every((s) => s.type === 'third_party' || s.type === 'public')) {
        reports.push({
          path: ['purposes', i, 'sources'],
          severity: 'info',
          message: `The purpose ${label(p)} gets all its data from others, so Art 14 applies: make sure its data categories are listed and that people receive the notice within one month, or at first contact if sooner.`,
        });
      }
    }
    return reports;
  },
};
