import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { buildNotice } from './build-notice.js';
import type { Block, Inline, NoticeModel } from './notice-model.js';
import { renderNotice } from './render-notice.js';
import { UnknownAudienceError } from './unknown-audience-error.js';

function fixture(name: 'rich' | 'minimal'): Declaration {
  const r = parseDeclaration(readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  if (!r.declaration) throw new Error(JSON.stringify(r.findings, null, 2));
  return r.declaration;
}

function inlineText(i: Inline): string {
  return typeof i === 'string' ? i : i.map((s) => s.text).join('');
}

function blockText(b: Block): string {
  switch (b.type) {
    case 'paragraph':
    case 'subheading':
      return inlineText(b.text);
    case 'list':
      return b.items.map(inlineText).join('\n');
    case 'definitions':
      return b.items.map((i) => [inlineText(i.term), ...i.details.map(inlineText)].join('\n')).join('\n');
    case 'table':
      return [b.caption, b.columns.join(' | '), ...b.rows.map((r) => r.map(inlineText).join(' | '))].join('\n');
    case 'callout':
      return b.blocks.map(blockText).join('\n');
  }
}

function sectionText(model: NoticeModel, id: string): string {
  const s = model.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}; have ${model.sections.map((x) => x.id).join(', ')}`);
  return s.blocks.map(blockText).join('\n');
}

describe('buildNotice: the rich declaration', () => {
  const model = buildNotice(fixture('rich'));

  it('has every section, in order, with stable ids', () => {
    expect(model.sections.map((s) => s.id)).toEqual([
      'who-we-are',
      'what-data-we-collect',
      'where-your-data-comes-from',
      'why-we-use-your-data',
      'do-you-have-to-give-us-your-data',
      'who-we-share-it-with',
      'international-transfers',
      'how-long-we-keep-it',
      'cookies',
      'automated-decisions',
      'children',
      'your-rights',
      'your-right-to-object',
      'withdrawing-your-consent',
      'how-we-protect-your-data',
      'where-we-store-your-data',
      'when-we-act-for-customers',
      'how-to-complain',
      'other-things-you-should-know',
      'links-to-other-websites',
      'changes-to-this-notice',
    ]);
    expect(model.title).toBe('Privacy notice');
    expect(model.language).toBe('en-GB');
    expect(model.lastUpdated).toBe('2026-02-05');
  });

  it('says who we are: legal name, company, address, contacts, ICO number, DPO, representative, group and joint controllers', () => {
    const t = sectionText(model, 'who-we-are');
    for (const fact of ['Jupiter EdTech Limited', '12345678', 'England and Wales', 'OX17 3PZ', 'contact@jupiter.example', '01234 567890', 'ZA123456', 'dpo@jupiter.example', 'EU Rep Ltd', 'Jupiter EdTech Inc', 'Learning Trust', 'ask either of us']) {
      expect(t).toContain(fact);
    }
    expect(model.sections[0]!.covers).toEqual(['art13-1-a', 'art13-1-b']);
  });

  it('lists the data categories, flagging special category data, without the processor-only categories', () => {
    const t = sectionText(model, 'what-data-we-collect');
    expect(t).toContain('Health and disability information (special category data: health)');
    expect(t).toContain('For example: name, email address and phone number.');
    expect(t).not.toContain('Learner records');
  });

  it('gives each purpose its lawful basis in plain English with the Art 6(1) point, interests, when-clauses and Art 9 condition', () => {
    const t = sectionText(model, 'why-we-use-your-data');
    expect(t).toContain('Legitimate interests (UK GDPR Art 6(1)(f))');
    expect(t).toContain('Our legitimate interest: responding to people who contact us about our service.');
    expect(t).toContain('If you are employed by our customer: Legitimate interests');
    expect(t).toContain('Consent (UK GDPR Art 6(1)(a))');
    expect(t).toContain('The law: Companies Act 2006 and VAT law.');
    expect(t).toContain('Employment, social security and social protection law (UK GDPR Art 9(2)(b)), with DPA 2018 Schedule 1: Part 1 paragraph 1 (employment).');
    expect(t).toContain('We decide this together with Learning Trust.');
    expect(model.sections.find((s) => s.id === 'why-we-use-your-data')!.covers).toEqual(['art13-1-c', 'art13-1-d']);
  });

  it('names sources, requirements and consequences', () => {
    expect(sectionText(model, 'where-your-data-comes-from')).toContain('We get it from you and from recruitment agencies and referees you name.');
    const req = sectionText(model, 'do-you-have-to-give-us-your-data');
    expect(req).toContain('The law requires us to collect it.');
    expect(req).toContain('If you do not: we cannot open an account for you.');
  });

  it('shows recipients with service, location and role, categories of recipients, and transfers with safeguards', () => {
    const share = sectionText(model, 'who-we-share-it-with');
    expect(share).toContain('Amazon Web Services | Cloud hosting | Germany | Service provider');
    expect(share).toContain('Law enforcement and regulators: where the law requires us to disclose data');
    const tr = sectionText(model, 'international-transfers');
    expect(tr).toContain('International Data Transfer Agreement (IDTA)');
    expect(tr).toContain('To get a copy: Email dpo@jupiter.example for a copy.');
    expect(tr).toContain('HubSpot Inc is certified to the UK Extension of the EU-US Data Privacy Framework');
    expect(tr).toContain('UK adequacy regulations recognise Germany');
    expect(tr).not.toContain('United Kingdom');
  });

  it('states retention rules with their trigger, reset, holds and anonymisation', () => {
    const t = sectionText(model, 'how-long-we-keep-it');
    expect(t).toContain('24 months from our last contact with you; the period starts again when you reply to us.');
    expect(t).toContain('6 years. Why: UK tax and company law. We may keep it longer while a complaint is being dealt with or there is a legal claim or litigation.');
    expect(t).toContain('Then anonymised.');
    expect(t).toContain('Then deleted.');
    expect(t).not.toContain('securely');
    expect(t).toContain('How long also depends on: longer if you ask us to keep your application on file.');
  });

  it('tabulates cookies and explains consent and browser signals', () => {
    const t = sectionText(model, 'cookies');
    expect(t).toContain('csrf_token | Jupiter EdTech Limited | Strictly necessary | Protects the contact form against forgery. | session | First party');
    expect(t).toContain('hubspotutk | HubSpot | Marketing');
    expect(t).toContain('Global Privacy Control and Do Not Track signals');
    expect(t).toContain('We ask for your consent through a cookie banner before setting the cookies that need it.');
    expect(t).not.toContain('Rejecting is as easy as accepting');
  });

  it('explains automated decisions, rights, objection (separately), withdrawal and complaints', () => {
    expect(sectionText(model, 'automated-decisions')).toContain('We score sign-ups using signals such as payment country and email domain.');
    const rights = sectionText(model, 'your-rights');
    for (const r of ['Right of access', 'Right to rectification', 'Right to erasure', 'Right to restriction', 'Right to data portability', 'Right to object', 'Right to withdraw consent', 'Rights about automated decisions']) {
      expect(rights).toContain(r);
    }
    expect(rights).toContain('within 1 month');
    expect(rights).toContain('up to 2 months more');
    expect(rights).toContain('We provide it as CSV or JSON.');
    expect(rights).toContain('one-time code');
    expect(rights).toContain('manifestly unfounded or excessive');
    const object = model.sections.find((s) => s.id === 'your-right-to-object')!;
    expect(object.covers).toEqual(['art21-4']);
    expect(object.blocks[0]!.type).toBe('callout');
    const ot = sectionText(model, 'your-right-to-object');
    expect(ot).toContain('direct marketing');
    expect(ot).toContain('Marketing emails: Click unsubscribe in any email.');
    expect(ot).toContain('Responding to enquiries');
    expect(sectionText(model, 'withdrawing-your-consent')).toContain('Marketing emails: Click unsubscribe in any email or use the preference centre.');
    const c = sectionText(model, 'how-to-complain');
    expect(c).toContain('complaints@jupiter.example');
    expect(c).toContain('within 30 days');
    expect(c).toContain('https://ico.org.uk/make-a-complaint/');
    expect(c).toContain('0303 123 1113');
  });

  it('covers security, residency, processor activities, children, changes and extra sections', () => {
    expect(sectionText(model, 'how-we-protect-your-data')).toContain('Encryption: TLS in transit and AES-256 at rest.');
    expect(sectionText(model, 'where-we-store-your-data')).toContain('UK-only storage for Enterprise customers');
    const p = sectionText(model, 'when-we-act-for-customers');
    expect(p).toContain('we act as a processor for our school customers');
    expect(p).toContain('This notice does not cover that processing');
    expect(p).not.toContain('pass your request on');
    expect(p).toContain('within 30 days');
    expect(sectionText(model, 'children')).toContain('not intended for anyone under 16');
    const ch = sectionText(model, 'changes-to-this-notice');
    expect(ch).toContain('by email and on this website');
    expect(ch).toContain('5 February 2026');
    expect(ch.indexOf('2026')).toBeLessThan(ch.indexOf('1 June 2025'));
    expect(sectionText(model, 'links-to-other-websites')).toContain('We are not responsible for them.');
    expect(sectionText(model, 'other-things-you-should-know')).toContain('We do not sell personal data.');
  });
});

describe('buildNotice: the minimal declaration', () => {
  it('always has identity, purposes, rights and complaints, and says no automated decisions are made', () => {
    const model = buildNotice(fixture('minimal'));
    const ids = model.sections.map((s) => s.id);
    for (const id of ['who-we-are', 'why-we-use-your-data', 'your-rights', 'how-to-complain', 'automated-decisions']) expect(ids).toContain(id);
    for (const id of ['cookies', 'international-transfers', 'where-your-data-comes-from', 'withdrawing-your-consent', 'changes-to-this-notice']) expect(ids).not.toContain(id);
    expect(sectionText(model, 'automated-decisions')).toContain('We do not make decisions about you based solely on automated processing');
    expect(sectionText(model, 'your-rights')).toContain('hello@tiny.example');
    expect(model.lastUpdated).toBeUndefined();
  });
});

describe('buildNotice: audiences', () => {
  const d = fixture('rich');

  it('a notice for job applicants shows only recruitment', () => {
    const model = buildNotice(d, { audience: 'applicants' });
    expect(model.audience).toEqual({ id: 'applicants', name: 'Job applicants' });
    const text = renderNotice(d, { format: 'text', audience: 'applicants' });
    expect(text).toContain('Recruitment');
    for (const absent of ['Marketing emails', 'HubSpot', 'Billing details', 'hubspotutk', 'Fraud screening', 'Learning Trust', 'Invoices']) expect(text).not.toContain(absent);
    expect(model.sections.map((s) => s.id)).not.toContain('cookies');
    expect(model.sections.map((s) => s.id)).not.toContain('withdrawing-your-consent');
    // A recipient no purpose names concerns everyone.
    expect(text).toContain('Law enforcement and regulators');
  });

  it('a notice for prospects shows marketing but not recruitment', () => {
    const html = renderNotice(d, { format: 'html', audience: 'prospects' });
    expect(html).toContain('Marketing emails');
    expect(html).toContain('hubspotutk');
    for (const absent of ['Recruitment', 'CV and application', 'recruitment agencies', 'Amazon Web Services']) expect(html).not.toContain(absent);
  });

  it('an unknown audience throws a typed error naming the known subject ids', () => {
    expect(() => buildNotice(d, { audience: 'nobody' })).toThrow(UnknownAudienceError);
    let e: unknown;
    try {
      renderNotice(d, { format: 'markdown', audience: 'nobody' });
    } catch (caught) {
      e = caught;
    }
    {
      expect(e).toBeInstanceOf(UnknownAudienceError);
      expect((e as UnknownAudienceError).code).toBe('unknown-audience');
      expect((e as UnknownAudienceError).known).toEqual(['prospects', 'customers', 'applicants', 'learners']);
      expect((e as Error).message).toContain('prospects, customers, applicants, learners');
    }
  });
});
