/**
 * The notice says only what the declaration says: promises (a copy of a safeguard, a way to withdraw consent,
 * cookie-banner qualities, a fee policy, forwarding of requests, secure deletion) appear when declared and are
 * absent otherwise, and the coverage check reports what is missing instead of the notice papering over it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { buildNotice } from './build-notice.js';
import { buildShortNotice } from './build-short-notice.js';
import { checkCoverage } from './check-coverage.js';
import type { CoverageReport } from './coverage-report.js';
import { renderNotice } from './render-notice.js';
import { countryName, countryShortName, joinNames, lowerFirst } from './words.js';

function fixture(name: 'rich' | 'minimal'): Declaration {
  const r = parseDeclaration(readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  if (!r.declaration) throw new Error(JSON.stringify(r.findings, null, 2));
  return r.declaration;
}

const item = (r: CoverageReport, id: string) => r.items.find((i) => i.id === id)!;
const text = (d: Declaration) => renderNotice(d, { format: 'text' }).replace(/\s+/g, ' ');
/** The words of the "International transfers" section. */
const transfers = (d: Declaration) => JSON.stringify(buildNotice(d).sections.find((x) => x.id === 'international-transfers')!.blocks);

describe('transfer safeguards: a copy only when safeguard.copy is declared', () => {
  it('declared: the notice gives the route and art13-1-f is present', () => {
    const d = fixture('rich');
    expect(text(d)).toContain('To get a copy: Email dpo@jupiter.example for a copy.');
    expect(item(checkCoverage(d), 'art13-1-f').status).toBe('present');
  });

  for (const mechanism of ['idta', 'uk_addendum', 'bcr', 'eu_sccs'] as const) {
    it(`${mechanism} without copy: nothing about a copy, and art13-1-f is missing naming the recipient`, () => {
      const d = fixture('rich');
      d.recipients.find((r) => r.id === 'anthropic')!.safeguard = { mechanism };
      const t = transfers(d);
      expect(t).toContain('Anthropic');
      expect(t).not.toMatch(/copy/i);
      expect(t).not.toContain('ask us');
      const f = item(checkCoverage(d), 'art13-1-f');
      expect(f.status).toBe('missing');
      expect(f.reason).toContain(`Anthropic (recipient anthropic, the United States), ${mechanism}`);
      expect(f.reason).toContain('Add safeguard.copy');
      expect(f.reason).toContain('Art 13(1)(f)');
    });
  }

  it('adequacy and the DPF need no copy', () => {
    const d = fixture('rich');
    const anthropic = d.recipients.find((r) => r.id === 'anthropic')!;
    anthropic.safeguard = { mechanism: 'dpf_uk_extension' };
    anthropic.dpf_certified = true;
    expect(item(checkCoverage(d), 'art13-1-f').status).toBe('present');
    anthropic.locations = ['DE'];
    anthropic.safeguard = { mechanism: 'adequacy' };
    expect(item(checkCoverage(d), 'art13-1-f').status).toBe('present');
    expect(transfers(d)).not.toMatch(/copy/i);
  });

  it('a copy is not asked for when every location is adequate, whatever the safeguard', () => {
    const d = fixture('rich');
    const anthropic = d.recipients.find((r) => r.id === 'anthropic')!;
    anthropic.locations = ['DE'];
    anthropic.safeguard = { mechanism: 'idta' };
    expect(item(checkCoverage(d), 'art13-1-f').status).toBe('present');
  });

  it('does not claim every transfer has a safeguard', () => {
    const d = fixture('rich');
    delete d.recipients.find((r) => r.id === 'anthropic')!.safeguard;
    expect(text(d)).not.toContain('so that your data stays protected');
    expect(renderNotice(d, { format: 'text' })).not.toContain('with safeguards in place');
    const short = buildShortNotice(d).sections.find((s) => s.id === 'summary-who-gets-it')!;
    expect(JSON.stringify(short)).not.toContain('safeguards');
  });
});

describe('withdrawing consent: only declared routes', () => {
  const marketing = (d: Declaration) => d.purposes.find((p) => p.id === 'direct_marketing')!;

  it('declared per purpose: shown, and art13-2-c is present', () => {
    const d = fixture('rich');
    expect(text(d)).toContain('Marketing emails: Click unsubscribe in any email or use the preference centre.');
    expect(item(checkCoverage(d), 'art13-2-c').status).toBe('present');
  });

  it('no route declared: no generic route is invented, and art13-2-c is missing naming the purpose', () => {
    const d = fixture('rich');
    for (const b of marketing(d).lawful_bases) delete b.consent;
    delete marketing(d).objection;
    delete d.rights!.withdraw_consent;
    const t = text(d);
    expect(t).not.toContain('To withdraw, contact us');
    expect(t).not.toContain('as easily as you gave it');
    expect(t).toContain('you have the right to withdraw it at any time');
    const c = item(checkCoverage(d), 'art13-2-c');
    expect(c.status).toBe('missing');
    expect(c.reason).toContain('Marketing emails (purpose direct_marketing)');
    expect(c.reason).toContain('consent.withdraw');
    expect(c.reason).toContain('rights.withdraw_consent');
  });

  it('rights.withdraw_consent is a declared route', () => {
    const d = fixture('rich');
    for (const b of marketing(d).lawful_bases) delete b.consent;
    d.rights!.withdraw_consent = 'Use the preference centre.';
    expect(text(d)).toContain('How to withdraw: Use the preference centre.');
    expect(item(checkCoverage(d), 'art13-2-c').status).toBe('present');
  });

  it("a direct-marketing purpose's objection is a declared route", () => {
    const d = fixture('rich');
    for (const b of marketing(d).lawful_bases) delete b.consent;
    delete d.rights!.withdraw_consent;
    expect(marketing(d).objection).toBe('Click unsubscribe in any email.');
    expect(text(d)).toContain('Marketing emails: Click unsubscribe in any email.');
    expect(item(checkCoverage(d), 'art13-2-c').status).toBe('present');
  });
});

describe('cookies: no banner promises that are not declared', () => {
  it('a banner gets one neutral sentence', () => {
    const t = text(fixture('rich'));
    expect(t).toContain('We ask for your consent through a cookie banner before setting the cookies that need it.');
    for (const promise of ['Rejecting is as easy as accepting', 'nothing is pre-selected', 'change your choice at any time']) expect(t).not.toContain(promise);
  });
});

describe('fee: as declared', () => {
  const fee = (f: 'free' | 'unfounded_or_excessive_only' | 'charged', statement?: string) => {
    const d = fixture('rich');
    d.rights!.fee = f;
    if (statement) d.rights!.fee_statement = statement;
    else delete d.rights!.fee_statement;
    return text(d);
  };

  it('free: "There is no fee."', () => {
    const t = fee('free');
    expect(t).toContain('There is no fee.');
    expect(t).not.toContain('manifestly unfounded');
  });

  it('unfounded_or_excessive_only: the Art 12(5) wording', () => {
    const t = fee('unfounded_or_excessive_only');
    expect(t).toContain('manifestly unfounded or excessive');
    expect(t).toContain('reasonable fee');
  });

  it('charged: says a fee is charged, in the declaration\u2019s words where given, and never "There is no fee"', () => {
    const plain = fee('charged');
    expect(plain).toContain('We charge a fee for requests.');
    expect(plain).not.toContain('There is no fee');
    const stated = fee('charged', 'We may charge you a small fee for this service.');
    expect(stated).toContain('We may charge you a small fee for this service.');
    expect(stated).not.toContain('no fee');
  });

  it('no rights block: no fee sentence, no promised reply time, only the law', () => {
    const d = fixture('minimal');
    delete d.rights;
    const t = text(d);
    expect(t).not.toMatch(/fee/i);
    expect(t).not.toContain('We reply');
    expect(t).toContain('The law requires a reply without undue delay and within one month');
  });
});

describe('processor activities: only what is declared', () => {
  it('does not promise to pass requests on', () => {
    const d = fixture('rich');
    const t = text(d);
    expect(t).not.toContain('pass your request on');
    expect(t).not.toContain('its own privacy notice');
    expect(t).toContain('we act as a processor for our school customers: we use personal data only on their instructions, under our Data Processing Addendum.');
    expect(t).toContain('When a customer tells us to delete data, we delete it within 30 days.');
    delete d.processor_activities[0]!.deletion_on_instruction;
    expect(text(d)).not.toContain('we delete it within');
  });
});

describe('complaints: no undeclared process', () => {
  it('says nothing about how complaints are handled unless declared', () => {
    const d = fixture('minimal');
    delete d.complaints;
    const t = text(d);
    expect(t).not.toContain('keep you informed');
    expect(t).not.toContain('put it right');
    expect(t).toContain('0303 123 1113');
  });
});

describe('retention: the declared action, no adverbs', () => {
  it('delete -> "Then deleted.", anonymise -> "Then anonymised."', () => {
    const d = fixture('rich');
    const t = text(d);
    expect(t).toContain('Then deleted.');
    expect(t).toContain('Then anonymised.');
    expect(t).not.toContain('securely');
    expect(t).not.toContain('for statistics');
    expect(t).not.toContain('only as long as we need it');
  });
});

describe('wording', () => {
  it('keeps declared names as written', () => {
    expect(joinNames(['Contact details', 'Jumpmind\u2019s services', 'Account details', 'CV'])).toBe('Contact details, Jumpmind\u2019s services, account details and CV');
    expect(joinNames(['Staff', 'Jupiter customers', 'Learners whose data schools upload to Jupiter'])).toBe('Staff, Jupiter customers and learners whose data schools upload to Jupiter');
    expect(lowerFirst('Jupiter staff')).toBe('Jupiter staff');
    expect(lowerFirst("Jumpmind's services")).toBe("Jumpmind's services");
    expect(lowerFirst('We cannot open an account.')).toBe('we cannot open an account.');
    const d = fixture('rich');
    d.subjects.find((s) => s.id === 'learners')!.name = 'Learners whose data schools upload to Jupiter';
    d.data_categories.find((c) => c.id === 'learner_records')!.name = 'Jupiter learner records';
    const t = text(d);
    expect(t).toContain('Jupiter learner records');
    expect(t).toContain('Learners whose data schools upload to Jupiter');
    expect(t).not.toMatch(/jupiter learner|upload to jupiter|learners whose/);
  });

  it('names areas and countries in words', () => {
    expect(countryName('WORLDWIDE')).toBe('countries worldwide');
    expect(countryShortName('WORLDWIDE')).toBe('Worldwide');
    expect(countryName('EU')).toBe('the EU');
    expect(countryName('EEA')).toBe('the EEA');
    expect(countryShortName('EEA')).toBe('EEA');
    expect(countryName('IN')).toBe('India');
    expect(countryName('PH')).toBe('the Philippines');
    expect(countryShortName('PH')).toBe('Philippines');
    expect(countryName('KR')).toBe('South Korea');
    expect(countryName('XK')).toBe('XK');
    const d = fixture('rich');
    d.recipients.find((r) => r.id === 'anthropic')!.locations = ['WORLDWIDE'];
    expect(text(d)).toContain('For countries worldwide we rely on the International Data Transfer Agreement (IDTA)');
  });
});
