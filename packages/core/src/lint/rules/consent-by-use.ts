import type { Rule, RuleReport } from '../rule.js';
import { cookieNeedsConsent, eachBasis, label } from '../rule-helpers.js';

/**
 * Phrases that treat using or browsing a site, or accepting a notice by carrying on, as consent.
 * Each is bounded to one sentence ([^.]) so that unrelated sentences are not joined into a match.
 */
const BY_USE: readonly RegExp[] = [
  /\bby (?:using|visiting|accessing|browsing|continuing to use|navigating) (?:this|our|the) (?:web ?site|site|app|service|platform)s?\b[^.]{0,60}?\byou (?:consent|agree|accept|are agreeing|are consenting)/i,
  /\bcontinued use\b[^.]{0,80}?\b(?:constitutes|signifies|means|indicates|implies|is deemed|will be deemed|amounts to|confirms)\b[^.]{0,40}?\b(?:acceptance|consent|agreement|accept|agree)/i,
  /\bby continuing to (?:browse|use|navigate)\b/i,
  /\bif you continue (?:to use|to browse|browsing|using)\b[^.]{0,80}?\b(?:assume|consent|agree|accept|happy)/i,
];

/** Consent inferred from use of the site, browser settings or carrying on is not consent. */
export const consentByUse: Rule = {
  id: 'consent-by-use',
  severity: 'error',
  title: 'Consent is not inferred from using the site or from browser settings',
  citation: 'UK GDPR Art 4(11), Art 7, recital 32; PECR reg 6; ICO guidance on consent and on cookies',
  description:
    'Consent must be a freely given, specific, informed and unambiguous indication given by a clear affirmative act (Art 4(11)). ' +
    '"By using this website you consent", "continued use constitutes acceptance" and "by continuing to browse" treat silence as agreement, ' +
    'which recital 32 rules out; the ICO says the same of default browser settings for cookies. A privacy notice is information, not terms to accept. ' +
    'Ask for consent with an opt-in or a cookie banner with equal Accept and Reject, and remove such sentences from the notice.',
  example: 'cookies:\n  consent_mechanism: banner\nlawful_bases:\n  - basis: consent\n    consent:\n      mechanism: opt_in\n      withdraw: Preference centre',
  check({ declaration: d, index }) {
    const reports: RuleReport[] = [];
    for (const { purpose, basis, path } of eachBasis(d)) {
      const m = basis.consent?.mechanism;
      if (basis.basis !== 'consent' || (m !== 'continued_use' && m !== 'browser_settings')) continue;
      reports.push({
        path: [...path, 'consent', 'mechanism'],
        message:
          `The purpose ${label(purpose)} infers consent from ${m === 'continued_use' ? 'continued use' : 'browser settings'}, which is not valid consent. ` +
          'Ask for a clear opt-in (mechanism: opt_in) or rely on another lawful basis.',
      });
    }
    const cm = d.cookies?.consent_mechanism;
    if (cm === 'continued_use' || cm === 'browser_settings') {
      const needing = (d.cookies?.items ?? []).filter((c) => cookieNeedsConsent(c));
      if (needing.length > 0) {
        reports.push({
          path: ['cookies', 'consent_mechanism'],
          message:
            `Consent for non-essential cookies (${needing.map((c) => c.name).slice(0, 6).join(', ')}) is inferred from ${cm === 'continued_use' ? 'continued use of the site' : 'browser settings'}, which is not valid consent under PECR. ` +
            'Use a cookie banner (consent_mechanism: banner) that blocks these cookies until the visitor accepts, with Reject as easy as Accept.',
        });
      }
    }
    for (const { path, value } of index.texts()) {
      const hit = BY_USE.map((re) => re.exec(value)).find((m) => m);
      if (!hit) continue;
      reports.push({
        path,
        message: `"${hit[0]}" treats using the site as consent or agreement, which is not valid consent (a clear affirmative act is needed). Remove the sentence; where you need consent, ask for it with an opt-in or the cookie banner, and tell people about changes to the notice instead of deeming them accepted.`,
      });
    }
    return reports;
  },
};
