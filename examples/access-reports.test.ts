/**
 * The access report (UK GDPR Art 15) built from each example declaration, i.e. from four real UK companies' notices:
 * every Art 15 item has its own section, the facts of each seed reach the reply, and Art 19 recipients are listed.
 */
import { describe, expect, it } from 'vitest';
import { buildAccessReport, recipientsToTell, renderAccessReportHtml, renderAccessReportText, REQUIRED_ART15_ITEMS, type Declaration } from '@pledge/core';
import { flatten, loadExample, missingFacts, type Fact } from './example-helpers.js';

interface Case {
  name: string;
  subjects?: string[];
  /** Facts from the seed the report must state (with subjects applied). */
  facts: Fact[];
  /** Facts that belong to other groups of people and must not appear when the report is scoped. */
  absent?: string[];
  /** A system id and the recipients Art 19 says to tell about a change to it. */
  art19: [system: string, recipients: string[]];
}

const CASES: Case[] = [
  {
    name: 'jupiter-edtech',
    subjects: ['customers'],
    facts: ['Providing the Service', 'Stripe', 'Anthropic', 'United States', 'EU Standard Contractual Clauses', '6 years', '60 days from the end of our contract', 'We collected all of it from you.'],
    absent: ['Marketing communications', 'Learner data'],
    art19: ['billing_details', ['stripe', 'authorities', 'professional_advisers']],
  },
  {
    name: 'jumpmind',
    subjects: ['software_users'],
    facts: ['To improve our products', 'Our software checks for updates', 'Jumpmind Group (our overseas offices in the USA)', 'International Data Transfer Agreement', 'To obtain a copy of these contractual safeguards'],
    art19: ['software_telemetry', ['jumpmind_group']],
  },
  {
    name: 'juxt',
    subjects: ['marketing_audience'],
    facts: ['publicly-available information about the company', 'direct marketing', /Information Commissioner/],
    absent: ['Job applications'],
    art19: ['marketing', ['salesforce', 'mailchimp', 'goto', 'email_senders']],
  },
  {
    name: 'jet-technology',
    facts: ['HubSpot Inc.', 'UK Extension of the EU-US Data Privacy Framework', '7 years', '1 month'],
    art19: ['hubspot', ['hubspot']],
  },
];

function load(name: string): Declaration {
  return loadExample(new URL(`./${name}/declaration.yaml`, import.meta.url)).declaration;
}

describe.each(CASES)('access report for $name', (c) => {
  const d = load(c.name);
  const report = buildAccessReport(d, {
    requestType: 'access',
    receivedAt: '2026-03-02',
    preparedAt: '2026-03-20',
    reference: 'R-2026-0001',
    ...(c.subjects ? { subjects: c.subjects } : {}),
    systems: [{ id: 'crm', name: 'Customer records', files: ['crm.json', 'crm.csv'], records: 2 }],
    declarationVersion: { version: 3, publishedAt: '2026-02-10T09:00:00.000Z' },
  });
  const html = renderAccessReportHtml(report);
  const text = renderAccessReportText(report);

  it('answers every Art 15 item in a section that cites it, in the HTML and the text', () => {
    const cited = new Set(report.sections.flatMap((s) => s.cites));
    for (const item of REQUIRED_ART15_ITEMS) expect(cited, `no section cites ${item}`).toContain(item);
    const covers = [...html.matchAll(/data-covers="([^"]*)"/g)].flatMap((m) => m[1]!.split(' '));
    for (const item of REQUIRED_ART15_ITEMS) expect(covers).toContain(item);
    for (const article of ['Art 15(1)(a)', 'Art 15(1)(b)', 'Art 15(1)(c)', 'Art 15(1)(d)', 'Art 15(1)(e)', 'Art 15(1)(f)', 'Art 15(1)(g)', 'Art 15(1)(h)', 'Art 15(2)', 'Art 15(3)']) {
      expect(flatten(text)).toContain(article);
    }
  });

  it("states the seed's facts", () => {
    expect(missingFacts(html, c.facts)).toEqual([]);
    expect(missingFacts(text, c.facts)).toEqual([]);
    for (const s of c.absent ?? []) expect(flatten(text)).not.toContain(s);
  });

  it('names the request, the dates, the notice version, the systems searched and the ICO', () => {
    const t = flatten(text);
    for (const s of ['R-2026-0001', '2 March 2026', '20 March 2026', 'version 3, published on 10 February 2026', 'Customer records', 'crm.json, crm.csv', 'Right to rectification', 'Right to erasure', 'Right to restriction', 'Right to object']) {
      expect(t).toContain(s);
    }
    expect(html).toMatch(/ico\.org\.uk/i);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).not.toMatch(/<script/i);
  });

  it('lists the recipients to tell of a change (Art 19)', () => {
    const [system, expected] = c.art19;
    const r = recipientsToTell(d, [system]);
    expect(r.unknown).toEqual([]);
    expect(r.recipients.map((x) => x.recipientId).sort()).toEqual([...expected].sort());
    expect(r.citation).toBe('UK GDPR Art 19');
  });
});
