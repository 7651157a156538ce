import { describe, expect, it } from 'vitest';
import { findingsOf, indexOf, lintVariant } from './fixtures.js';

/**
 * The defects of the four real notices in the seeds, written into the clean declaration the way a faithful example would
 * express them. Each must be named by the rule meant for it, and not twice.
 */
describe('the seeds\' real defects are named', () => {
  it('000: "30 days", EU SCCs for a US transfer, "continued use constitutes acceptance", a bare legitimate interest', () => {
    const v = lintVariant((d) => {
      d.rights!.response_period = '30 days';
      d.recipients!.push({ id: 'anthropic', name: 'Anthropic PBC', kind: 'processor', service: 'AI-based content processing', locations: ['US'], contract: 'Anthropic DPA', safeguard: { mechanism: 'eu_sccs' } });
      d.purposes!.find((p) => p.id === 'service')!.recipients!.push('anthropic');
      d.changes = { notify_by: ['email'], statement: 'Your continued use of the website or Service after a change constitutes acceptance of the updated policy.' };
      d.purposes!.find((p) => p.id === 'security')!.lawful_bases = [{ basis: 'legitimate_interests' }];
    });
    expect(findingsOf(v, 'response-period').map((f) => f.severity)).toEqual(['warning']);
    expect(findingsOf(v, 'eu-sccs-without-addendum').map((f) => f.severity)).toEqual(['error']);
    expect(findingsOf(v, 'consent-by-use').map((f) => f.path)).toEqual([['changes', 'statement']]);
    expect(findingsOf(v, 'legitimate-interest-stated')).toHaveLength(1);
    expect(findingsOf(v, 'legitimate-interest-assessment')).toHaveLength(1);
  });

  it('001: ICO registration and a retention period left "TBC", reported once each', () => {
    const v = lintVariant((d) => {
      d.organisation.ico_registration = 'TBC';
      d.retention!.find((r) => r.id === 'event_records')!.period = 'TBC';
    });
    expect(findingsOf(v, 'placeholder-value').map((f) => f.path.join('.'))).toEqual(['organisation.ico_registration', `retention.${indexOf('retention', 'event_records')}.period`]);
    expect(findingsOf(v, 'ico-registration')).toEqual([]);
    expect(findingsOf(v, 'retention-period-format')).toEqual([]);
  });

  it('003: "by using this website you consent", a fee for access, "functionality cookies only" beside Matomo', () => {
    const v = lintVariant((d) => {
      d.notice!.introduction = 'By using this website you consent to the collection and use of your information in accordance with this privacy policy.';
      d.rights!.fee_statement = 'We may charge you a small fee for this service.';
      d.cookies = {
        consent_mechanism: 'browser_settings',
        claimed_categories: ['functionality'],
        items: [
          { id: 'signin', name: 'session', category: 'functionality', purpose: 'Keeping you signed in', exemption: 'strictly_necessary' },
          { id: 'matomo', name: '_pk_id', provider: 'Matomo Analytics', category: 'functionality', purpose: 'Understanding how you use our website' },
        ],
      };
      d.recipients = d.recipients!.filter((r) => r.id !== 'google_ads');
    });
    expect(findingsOf(v, 'consent-by-use').map((f) => f.path.join('.'))).toEqual(['notice.introduction', 'cookies.consent_mechanism']);
    expect(findingsOf(v, 'access-fee').map((f) => f.path.join('.'))).toEqual(['rights.fee_statement']);
    expect(findingsOf(v, 'cookie-category-mismatch').map((f) => f.path.join('.'))).toEqual(['cookies.items.1.category']);
  });

  it('003, with the analytics cookie declared truthfully: the "functionality only" claim is false', () => {
    const v = lintVariant((d) => {
      d.cookies!.claimed_categories = ['functionality'];
      d.cookies!.items = d.cookies!.items.filter((c) => c.id !== 'ads');
      d.recipients = d.recipients!.filter((r) => r.id !== 'google_ads');
    });
    expect(findingsOf(v, 'cookie-claim-mismatch').map((f) => f.severity).sort()).toEqual(['error', 'warning']);
  });
});
