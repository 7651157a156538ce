import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { checkChildConsent, childConsentRule } from './child-consent.js';
import { allowedNow, consentTargets, latestState, withCookiePurposes } from './consent-targets.js';
import { gpcRefusedTargetKeys } from './gpc.js';

const yamlOf = (seed: string): string => readFileSync(fileURLToPath(new URL(`../../../../examples/${seed}/corrected/declaration.yaml`, import.meta.url)), 'utf8');
function load(yaml: string): Declaration {
  const r = parseDeclaration(yaml, 'declaration.yaml');
  if (!r.declaration) throw new Error(JSON.stringify(r.findings));
  return r.declaration;
}
const byKey = (d: Declaration) => new Map(consentTargets(d).map((t) => [t.key, t]));

describe('purposes consented to through the cookie banner follow their cookie categories', () => {
  it('links each purpose to the categories of the cookies that reach its recipients, else to every category needing consent', () => {
    // Jet: "cookies" (recipients include Google, whose cookies are statistics and marketing).
    expect(byKey(load(yamlOf('jet-technology'))).get('cookies')).toMatchObject({ mode: 'opt_in', cookieKeys: ['cookie:statistics', 'cookie:marketing'] });
    // JUXT: website_optimisation is Matomo (statistics), not the functionality cookie, which also needs consent.
    const juxt = byKey(load(yamlOf('juxt')));
    expect(juxt.get('website_optimisation')?.cookieKeys).toEqual(['cookie:statistics']);
    expect(juxt.get('cookie:functionality')?.mode).toBe('opt_in');
    // Jumpmind: the analytics cookie names no recipient: every category needing consent (statistics only).
    expect(byKey(load(yamlOf('jumpmind'))).get('website_cookies')?.cookieKeys).toEqual(['cookie:statistics']);
  });

  it('Jet, "Accept all": the banner receipt grants the cookies purpose too, so state and allowed agree; one refusal withdraws it', () => {
    const d = load(yamlOf('jet-technology'));
    const targets = consentTargets(d);
    const accept = withCookiePurposes(targets, { 'cookie:statistics': 'granted', 'cookie:marketing': 'granted' });
    expect(accept).toEqual({ 'cookie:statistics': 'granted', 'cookie:marketing': 'granted', cookies: 'granted' });
    const at = '2026-03-02T10:00:00Z';
    const s1 = latestState([{ id: 1, recordedAt: at, choices: accept, method: 'banner', receiptId: 'a' }]);
    expect(allowedNow(targets, s1)).toMatchObject({ cookies: true, 'cookie:statistics': true, 'cookie:marketing': true });
    // Later: marketing switched off in the banner; the receipt names only that category.
    const off = withCookiePurposes(targets, { 'cookie:marketing': 'refused' });
    expect(off).toEqual({ 'cookie:marketing': 'refused', cookies: 'refused' });
    const s2 = latestState([
      { id: 1, recordedAt: at, choices: accept, method: 'banner', receiptId: 'a' },
      { id: 2, recordedAt: '2026-03-02T11:00:00Z', choices: off, method: 'banner', receiptId: 'b' },
    ]);
    expect(allowedNow(targets, s2)).toMatchObject({ cookies: false, 'cookie:statistics': true, 'cookie:marketing': false });
    // A receipt granting only part of what the purpose covers decides nothing about it.
    expect(withCookiePurposes(targets, { 'cookie:statistics': 'granted' })).toEqual({ 'cookie:statistics': 'granted' });
    // GPC refuses with the banner's keys, and so refuses the purpose.
    expect(withCookiePurposes(targets, Object.fromEntries(gpcRefusedTargetKeys(d).map((k) => [k, 'refused' as const]))).cookies).toBe('refused');
  });
});

describe('the right to object (Art 21(1)): purposes on legitimate interests or a public task', () => {
  it('offers an objection for them, besides consent and direct marketing; not for contract or legal obligation', () => {
    const jumpmind = byKey(load(yamlOf('jumpmind')));
    expect(jumpmind.get('product_improvement')).toMatchObject({ mode: 'object', directMarketing: false });
    expect(jumpmind.get('marketing_emails')?.mode).toBe('opt_in');
    expect(jumpmind.has('order_emails')).toBe(false); // contract
    const juxt = byKey(load(yamlOf('juxt')));
    expect(juxt.get('user_experience')?.mode).toBe('object');
    expect(juxt.has('legal_requests')).toBe(false); // legal obligation
    expect(byKey(load(yamlOf('jupiter-edtech'))).get('website_improvement')?.mode).toBe('object');
    const jet = byKey(load(yamlOf('jet-technology')));
    expect(jet.get('direct_marketing')?.mode).toBe('opt_out'); // marketing: absolute, Art 21(3)
    expect(jet.get('enquiries')?.mode).toBe('object');
    const publicTask = byKey(load(yamlOf('jet-technology').replace(/(- id: enquiries[\s\S]*?- basis: )legitimate_interests/, '$1public_task')));
    expect(publicTask.get('enquiries')?.mode).toBe('object');
  });

  it('stops the processing once the person objects, and allows it again only when they withdraw the objection', () => {
    const targets = consentTargets(load(yamlOf('juxt')));
    const at = '2026-03-02T10:00:00Z';
    expect(allowedNow(targets, {}).user_experience).toBe(true);
    expect(allowedNow(targets, latestState([{ id: 1, recordedAt: at, choices: { user_experience: 'refused' }, method: 'preference_centre', receiptId: 'a' }])).user_experience).toBe(false);
  });
});

describe('the age rule follows what the declaration says about children (Art 8)', () => {
  const jumpmind = load(yamlOf('jumpmind'));
  const jupiter = load(yamlOf('jupiter-edtech'));

  it('Jumpmind (seed 002: services "directed to people who are at least 13"): under 13, no consent can be recorded, not even a parent\'s', () => {
    const rule = childConsentRule(jumpmind);
    expect(rule).toMatchObject({ age: 13, minimumAge: 13 });
    const targets = consentTargets(jumpmind);
    const kid = checkChildConsent(rule, targets, { choices: { marketing_emails: 'granted' }, age: 12, parentalConsent: { method: 'signed form', reference: 'F-1' } });
    expect(kid).toMatchObject({ reason: 'below_minimum_age', age: 13, keys: ['marketing_emails'] });
    expect(kid?.message).toMatch(/under 13, the youngest age the declaration says marketing_emails is offered to .*children\.minimum_age/);
    expect(checkChildConsent(rule, targets, { choices: { marketing_emails: 'refused' }, age: 12 })).toBeUndefined();
    expect(checkChildConsent(rule, targets, { choices: { marketing_emails: 'granted' }, age: 13 })).toBeUndefined();
  });

  it('Jupiter (seed 000: "not intended for children under 18"): a 16-year-old\'s consent is refused, an adult\'s is fine', () => {
    const rule = childConsentRule(jupiter);
    expect(rule).toMatchObject({ age: 13, minimumAge: 18 });
    const targets = consentTargets(jupiter);
    expect(checkChildConsent(rule, targets, { choices: { marketing: 'granted' }, age: 16 })).toMatchObject({ reason: 'below_minimum_age', age: 18 });
    expect(checkChildConsent(rule, targets, { choices: { marketing: 'granted' }, age: 18 })).toBeUndefined();
  });

  it('a subject group of children brings the rule to the purposes concerning it, with its youngest age', () => {
    const text = yamlOf('jupiter-edtech')
      .replace(/\nchildren:\n(  .*\n|    .*\n)+/, '\n')
      .replace("  - id: learners\n", '  - id: learners\n    children: true\n    minimum_age: 8\n');
    const d = load(text.replace(/(- id: marketing\n(?:    .*\n)*?    subjects: )\[[^\]]*\]/, '$1[learners]'));
    expect(d.children).toBeUndefined();
    const rule = childConsentRule(d);
    expect(rule).toMatchObject({ appliesToAll: false, byPurpose: { marketing: { age: 13, minimumAge: 8 } } });
    const targets = consentTargets(d);
    expect(checkChildConsent(rule, targets, { choices: { marketing: 'granted' }, age: 10 })).toMatchObject({ reason: 'parental_consent_required', age: 13 });
    expect(checkChildConsent(rule, targets, { choices: { marketing: 'granted' }, age: 10, parentalConsent: { method: 'school form', reference: 'S-1' } })).toBeUndefined();
    expect(checkChildConsent(rule, targets, { choices: { marketing: 'granted' }, age: 7, parentalConsent: { method: 'school form', reference: 'S-1' } })).toMatchObject({ reason: 'below_minimum_age', age: 8 });
    // Without any children section or group, no rule at all.
    expect(childConsentRule(load(yamlOf('jupiter-edtech').replace(/\nchildren:\n(  .*\n|    .*\n)+/, '\n')))).toBeUndefined();
  });
});
