import { describe, expect, it } from 'vitest';
import { findingsOf, lineOf, lintVariant } from './fixtures.js';

describe('access-fee', () => {
  it('fires when a fee is charged for ordinary requests', () => {
    const v = lintVariant((d) => {
      d.rights!.fee = 'charged';
    });
    expect(findingsOf(v, 'access-fee').map((f) => f.path)).toEqual([['rights', 'fee']]);
  });

  it('reads a fee statement that charges for access', () => {
    const v = lintVariant((d) => {
      d.rights!.fee_statement = 'You have the right to request copies of your personal data. We may charge you a small fee for this service.';
    });
    const found = findingsOf(v, 'access-fee');
    expect(found.map((f) => f.path)).toEqual([['rights', 'fee_statement']]);
    expect(found[0]!.message).toContain('small fee');
  });

  it('accepts a statement that limits the fee to the lawful exceptions', () => {
    const v = lintVariant((d) => {
      d.rights!.fee_statement =
        'You will not have to pay a fee to access your personal data. However, we may charge a reasonable fee if your request is clearly unfounded, repetitive or excessive.';
    });
    expect(findingsOf(v, 'access-fee')).toEqual([]);
  });
});

describe('response-period', () => {
  it('warns on "30 days", which can exceed a calendar month, at its line', () => {
    const v = lintVariant((d) => {
      d.rights!.response_period = '30 days';
    });
    const found = findingsOf(v, 'response-period');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['rights', 'response_period'], 'warning']]);
    expect(found[0]!.location?.line).toBe(lineOf(v.yaml, 'response_period: 30 days'));
  });

  it.each(['45 days', '2 months', '5 weeks', '1 year', 'as soon as we can'])('errs on "%s"', (period) => {
    const v = lintVariant((d) => {
      d.rights!.response_period = period;
    });
    expect(findingsOf(v, 'response-period').map((f) => f.severity)).toEqual(['error']);
  });

  it.each(['1 month', 'one month', '28 days', '4 weeks', '14 days'])('accepts "%s"', (period) => {
    const v = lintVariant((d) => {
      d.rights!.response_period = period;
    });
    expect(findingsOf(v, 'response-period')).toEqual([]);
  });

  it('leaves a placeholder to placeholder-value', () => {
    const v = lintVariant((d) => {
      d.rights!.response_period = 'TBC';
    });
    expect(findingsOf(v, 'response-period')).toEqual([]);
    expect(findingsOf(v, 'placeholder-value')).toHaveLength(1);
  });
});

describe('extension-period', () => {
  it.each(['3 months', '90 days', '9 weeks', 'a bit longer'])('errs on "%s"', (extension) => {
    const v = lintVariant((d) => {
      d.rights!.extension = extension;
    });
    expect(findingsOf(v, 'extension-period').map((f) => f.path)).toEqual([['rights', 'extension']]);
  });

  it.each(['2 months', '60 days', '8 weeks'])('accepts "%s"', (extension) => {
    const v = lintVariant((d) => {
      d.rights!.extension = extension;
    });
    expect(findingsOf(v, 'extension-period')).toEqual([]);
  });
});

describe('rights-listed', () => {
  it('warns on a missing core right', () => {
    const v = lintVariant((d) => {
      d.rights!.offered = d.rights!.offered!.filter((r) => r !== 'portability');
    });
    const found = findingsOf(v, 'rights-listed');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['rights', 'offered'], 'warning']]);
    expect(found[0]!.message).toContain('portability');
  });

  it('asks for withdrawal of consent only while a purpose relies on consent', () => {
    const without = (keepConsent: boolean) =>
      lintVariant((d) => {
        d.rights!.offered = d.rights!.offered!.filter((r) => r !== 'withdraw_consent');
        if (!keepConsent) {
          const p = d.purposes!.find((x) => x.id === 'newsletter')!;
          p.lawful_bases = [{ basis: 'legitimate_interests', interest: 'Telling customers about similar products', assessment: 'LIA-2025-04' }];
        }
      });
    expect(findingsOf(without(true), 'rights-listed')[0]?.message).toContain('withdraw_consent');
    expect(findingsOf(without(false), 'rights-listed')).toEqual([]);
  });

  it('warns when there is no rights section at all', () => {
    const v = lintVariant((d) => {
      delete d.rights;
    });
    expect(findingsOf(v, 'rights-listed').map((f) => f.path)).toEqual([[]]);
  });
});

describe('controller-identity', () => {
  it('fires on a missing address', () => {
    const v = lintVariant((d) => {
      delete d.organisation.address;
    });
    const found = findingsOf(v, 'controller-identity');
    expect(found.map((f) => f.path)).toEqual([['organisation']]);
    expect(found[0]!.message).toContain('address');
  });

  it('fires on no contact details', () => {
    const v = lintVariant((d) => {
      delete d.organisation.contact;
    });
    expect(findingsOf(v, 'controller-identity').map((f) => f.path)).toEqual([['organisation']]);
  });

  it('accepts a web form and an address given under contact', () => {
    const v = lintVariant((d) => {
      delete d.organisation.address;
      d.organisation.contact = { url: 'https://acme.example/contact', address: '1 High Street, Leeds LS1 1AA' };
    });
    expect(findingsOf(v, 'controller-identity')).toEqual([]);
  });
});

describe('ico-registration', () => {
  it('warns when no registration is given', () => {
    const v = lintVariant((d) => {
      delete d.organisation.ico_registration;
    });
    expect(findingsOf(v, 'ico-registration').map((f) => [f.path, f.severity])).toEqual([[['organisation'], 'warning']]);
  });

  it('warns on a number that does not look like an ICO number', () => {
    const v = lintVariant((d) => {
      d.organisation.ico_registration = '13045015';
    });
    expect(findingsOf(v, 'ico-registration').map((f) => f.path)).toEqual([['organisation', 'ico_registration']]);
  });

  it('leaves "TBC" to placeholder-value', () => {
    const v = lintVariant((d) => {
      d.organisation.ico_registration = 'TBC';
    });
    expect(findingsOf(v, 'ico-registration')).toEqual([]);
    expect(findingsOf(v, 'placeholder-value').map((f) => f.path)).toEqual([['organisation', 'ico_registration']]);
  });

  it.each(['ZA123456', 'za 123 456', 'Z1234567', 'ZB987654'])('accepts "%s"', (reg) => {
    const v = lintVariant((d) => {
      d.organisation.ico_registration = reg;
    });
    expect(findingsOf(v, 'ico-registration')).toEqual([]);
  });
});

describe('dpo-contact', () => {
  it('warns on a DPO without contact details', () => {
    const v = lintVariant((d) => {
      d.organisation.dpo = { name: 'Jane Smith' };
    });
    expect(findingsOf(v, 'dpo-contact').map((f) => [f.path, f.severity])).toEqual([[['organisation', 'dpo'], 'warning']]);
  });

  it('is silent where no DPO is appointed', () => {
    const v = lintVariant((d) => {
      delete d.organisation.dpo;
    });
    expect(findingsOf(v, 'dpo-contact')).toEqual([]);
  });
});

describe('ico-complaint-route', () => {
  it('fires when the ICO is not mentioned', () => {
    const v = lintVariant((d) => {
      delete d.complaints!.ico;
    });
    expect(findingsOf(v, 'ico-complaint-route').map((f) => f.path)).toEqual([['complaints']]);
  });

  it('accepts the default ICO page', () => {
    const v = lintVariant((d) => {
      d.complaints!.ico = {};
    });
    expect(findingsOf(v, 'ico-complaint-route')).toEqual([]);
  });
});

describe('complaints-handling', () => {
  it('fires when there is no way to complain to the organisation', () => {
    const v = lintVariant((d) => {
      delete d.complaints!.channels;
    });
    expect(findingsOf(v, 'complaints-handling').map((f) => f.path)).toEqual([['complaints']]);
  });

  it('fires on an acknowledgement time over 30 days', () => {
    const v = lintVariant((d) => {
      d.complaints!.acknowledge_within = '6 weeks';
    });
    expect(findingsOf(v, 'complaints-handling').map((f) => [f.path, f.severity])).toEqual([[['complaints', 'acknowledge_within'], 'error']]);
  });

  it('warns on "1 month", which can be 31 days', () => {
    const v = lintVariant((d) => {
      d.complaints!.acknowledge_within = '1 month';
    });
    expect(findingsOf(v, 'complaints-handling').map((f) => f.severity)).toEqual(['warning']);
  });

  it('accepts 28 days', () => {
    const v = lintVariant((d) => {
      d.complaints!.acknowledge_within = '28 days';
    });
    expect(findingsOf(v, 'complaints-handling')).toEqual([]);
  });
});

describe('security-measures', () => {
  it('warns when there is no security section', () => {
    const v = lintVariant((d) => {
      delete d.security;
    });
    expect(findingsOf(v, 'security-measures').map((f) => [f.path, f.severity])).toEqual([[[], 'warning']]);
  });

  it('warns on an empty list of measures', () => {
    const v = lintVariant((d) => {
      d.security = { measures: [] };
    });
    expect(findingsOf(v, 'security-measures').map((f) => f.path)).toEqual([['security', 'measures']]);
  });
});

describe('cookie-consent', () => {
  it('fires on a cookie needing consent when none is asked', () => {
    const v = lintVariant((d) => {
      d.cookies!.consent_mechanism = 'none';
    });
    const found = findingsOf(v, 'cookie-consent');
    // Only the advertising cookie needs consent: the others are strictly necessary or under the statistics exception.
    expect(found.map((f) => f.path)).toEqual([['cookies', 'items', 2]]);
    expect(found[0]!.location?.line).toBe(lineOf(v.yaml, 'id: ads'));
  });

  it('is silent when every cookie is exempt', () => {
    const v = lintVariant((d) => {
      d.cookies!.consent_mechanism = 'none';
      d.cookies!.items = d.cookies!.items.filter((c) => c.id !== 'ads');
      d.cookies!.claimed_categories = ['strictly_necessary', 'statistics'];
      d.recipients = d.recipients!.filter((r) => r.id !== 'google_ads');
    });
    expect(findingsOf(v, 'cookie-consent')).toEqual([]);
  });
});

describe('cookie-statistics-opt-out', () => {
  it('fires on the statistics exception without a way to object', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.find((c) => c.id === 'stats')!.opt_out = false;
    });
    expect(findingsOf(v, 'cookie-statistics-opt-out').map((f) => f.path)).toEqual([['cookies', 'items', 1, 'exemption']]);
  });

  it('fires on the appearance exception without a way to object', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.push({ id: 'theme', name: 'theme', category: 'functionality', purpose: 'Remembers dark mode', exemption: 'appearance' });
      d.cookies!.claimed_categories!.push('functionality');
    });
    expect(findingsOf(v, 'cookie-statistics-opt-out').map((f) => f.path)).toEqual([['cookies', 'items', 3, 'exemption']]);
  });
});

describe('cookie-category-mismatch', () => {
  it('warns on analytics declared as a functionality cookie', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.push({ id: 'matomo', name: 'matomo_session', provider: 'Matomo Analytics', category: 'functionality', purpose: 'Understanding how you use our website' });
      d.cookies!.claimed_categories!.push('functionality');
    });
    const found = findingsOf(v, 'cookie-category-mismatch');
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['cookies', 'items', 3, 'category'], 'warning']]);
    expect(found[0]!.message).toContain('statistics');
  });

  it('recognises an analytics cookie by its name', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.push({ id: 'ga', name: '_ga', category: 'strictly_necessary', purpose: 'Distinguishes users', exemption: 'strictly_necessary' });
    });
    expect(findingsOf(v, 'cookie-category-mismatch').map((f) => f.path)).toEqual([['cookies', 'items', 3, 'category']]);
  });

  it('warns on advertising declared as statistics', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.find((c) => c.id === 'ads')!.category = 'statistics';
    });
    const found = findingsOf(v, 'cookie-category-mismatch');
    expect(found.map((f) => f.path)).toEqual([['cookies', 'items', 2, 'category']]);
    expect(found[0]!.message).toContain('marketing');
  });

  it('does not read "security measure" as analytics', () => {
    const v = lintVariant((d) => {
      d.cookies!.items[0]!.purpose = 'A security measure that protects forms against forgery';
    });
    expect(findingsOf(v, 'cookie-category-mismatch')).toEqual([]);
  });
});

describe('cookie-exemption-invalid', () => {
  it('fires on an advertising cookie claiming an exception', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.find((c) => c.id === 'ads')!.exemption = 'statistics';
    });
    expect(findingsOf(v, 'cookie-exemption-invalid').map((f) => f.path)).toEqual([['cookies', 'items', 2, 'exemption']]);
  });

  it('fires on analytics claimed as strictly necessary', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.find((c) => c.id === 'stats')!.exemption = 'strictly_necessary';
    });
    expect(findingsOf(v, 'cookie-exemption-invalid').map((f) => f.path)).toEqual([['cookies', 'items', 1, 'exemption']]);
  });

  it('accepts the statistics exception for third-party analytics', () => {
    const v = lintVariant((d) => {
      const c = d.cookies!.items.find((x) => x.id === 'stats')!;
      c.party = 'third';
      c.provider = 'Matomo Cloud';
    });
    expect(findingsOf(v, 'cookie-exemption-invalid')).toEqual([]);
  });
});

describe('cookie-claim-mismatch', () => {
  it('fires when the notice claims "functionality cookies only" beside analytics', () => {
    const v = lintVariant((d) => {
      d.cookies!.claimed_categories = ['functionality'];
    });
    const found = findingsOf(v, 'cookie-claim-mismatch');
    expect(found.every((f) => f.path.join('.') === 'cookies.claimed_categories')).toBe(true);
    const bySeverity = Object.fromEntries(found.map((f) => [f.message.match(/is (strictly necessary|statistics|marketing)\./)?.[1], f.severity]));
    expect(bySeverity).toEqual({ 'strictly necessary': 'warning', statistics: 'error', marketing: 'error' });
  });

  it('is silent when no claim is made', () => {
    const v = lintVariant((d) => {
      delete d.cookies!.claimed_categories;
    });
    expect(findingsOf(v, 'cookie-claim-mismatch')).toEqual([]);
  });
});

describe('cookie exemption rules together', () => {
  it('report an advertising cookie claiming the statistics exception once, as an invalid exemption', () => {
    const v = lintVariant((d) => {
      d.cookies!.items.find((c) => c.id === 'ads')!.exemption = 'statistics';
    });
    expect(findingsOf(v, 'cookie-exemption-invalid')).toHaveLength(1);
    expect(findingsOf(v, 'cookie-statistics-opt-out')).toEqual([]);
  });
});

describe('cookie-consent with an invalid exemption', () => {
  it('still requires consent for an advertising cookie whose claimed exception cannot apply', () => {
    const v = lintVariant((d) => {
      d.cookies!.consent_mechanism = 'none';
      d.cookies!.items.find((c) => c.id === 'ads')!.exemption = 'strictly_necessary';
    });
    expect(findingsOf(v, 'cookie-consent').map((f) => f.path)).toEqual([['cookies', 'items', 2]]);
  });
});

describe('cookie-third-party-recipient', () => {
  it('fires on a third-party cookie that names no recipient, at the cookie', () => {
    const v = lintVariant((d) => {
      delete d.cookies!.items.find((c) => c.id === 'ads')!.recipient;
    });
    const found = findingsOf(v, 'cookie-third-party-recipient');
    expect(found.map((f) => f.path)).toEqual([['cookies', 'items', 2]]);
    expect(found[0]!.message).toContain('Google Ads');
  });

  it('is silent for first-party cookies and third-party cookies with a recipient', () => {
    expect(findingsOf(lintVariant(), 'cookie-third-party-recipient')).toEqual([]);
  });
});

describe('recipient-location', () => {
  it('fires on a named recipient without locations', () => {
    const v = lintVariant((d) => {
      delete d.recipients!.find((r) => r.id === 'payments')!.locations;
    });
    const found = findingsOf(v, 'recipient-location');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('Stripe Payments Europe Ltd');
  });

  it('does not ask categories of recipients for a location', () => {
    const v = lintVariant((d) => {
      delete d.recipients!.find((r) => r.id === 'police')!.locations;
    });
    expect(findingsOf(v, 'recipient-location')).toEqual([]);
  });
});
