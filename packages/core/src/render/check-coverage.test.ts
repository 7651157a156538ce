import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { checkCoverage, readCoveredSections } from './check-coverage.js';
import { coverageComplete } from './coverage-complete.js';
import { COVERAGE_ITEMS } from './coverage-items.js';
import type { CoverageReport } from './coverage-report.js';
import { formatCoverage } from './format-coverage.js';
import { UnknownAudienceError } from './unknown-audience-error.js';

function fixture(name: 'rich' | 'minimal'): Declaration {
  const r = parseDeclaration(readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  if (!r.declaration) throw new Error(JSON.stringify(r.findings, null, 2));
  return r.declaration;
}

const item = (r: CoverageReport, id: string) => r.items.find((i) => i.id === id)!;

describe('checkCoverage', () => {
  it('the rich declaration covers every item, and every item applies', () => {
    const r = checkCoverage(fixture('rich'));
    expect(r.items.map((i) => i.id)).toEqual(COVERAGE_ITEMS.map((i) => i.id));
    expect(r.items.filter((i) => i.status !== 'present')).toEqual([]);
    expect(coverageComplete(r)).toBe(true);
    expect(item(r, 'art13-2-a').sections).toEqual(['how-long-we-keep-it']);
    expect(item(r, 'art21-4').sections).toEqual(['your-right-to-object']);
    expect(item(r, 'art13-1-a').article).toContain('Art 13(1)(a)');
  });

  it('removing a retention rule makes art13-2-a missing, naming the purpose', () => {
    const d = fixture('rich');
    d.retention = d.retention.filter((r) => r.id !== 'marketing');
    const r = checkCoverage(d);
    const ret = item(r, 'art13-2-a');
    expect(ret.status).toBe('missing');
    expect(ret.reason).toBe('The notice states no retention period or criteria for: Marketing emails (purpose direct_marketing: contact). Add a retention rule covering it, with a real period or criteria.');
    expect(coverageComplete(r)).toBe(false);
    expect(formatCoverage(r)).toContain('MISSING');
  });

  it('with no retention at all, the section disappears and every purpose is named', () => {
    const d = fixture('minimal');
    d.retention = [];
    const ret = item(checkCoverage(d), 'art13-2-a');
    expect(ret.status).toBe('missing');
    expect(ret.sections).toEqual([]);
    expect(ret.reason).toContain('Handling your orders (purpose orders: contact)');
  });

  it('the minimal declaration: no DPO, no legitimate interests, no consent, no transfers, no Art 14 items', () => {
    const r = checkCoverage(fixture('minimal'));
    expect(coverageComplete(r)).toBe(true);
    const dpo = item(r, 'art13-1-b');
    expect(dpo.applies).toBe(false);
    expect(dpo.status).toBe('not_applicable');
    expect(dpo.applicability).toContain('no DPO is declared');
    for (const id of ['art13-1-d', 'art13-1-e', 'art13-1-f', 'art13-2-c', 'art13-2-f', 'art14-1-d', 'art14-2-f', 'art21-4']) {
      expect(item(r, id).status, id).toBe('not_applicable');
    }
    expect(item(r, 'art13-1-d').applicability).toBe('no purpose relies on legitimate interests');
    for (const id of ['art13-1-a', 'art13-1-c', 'art13-2-a', 'art13-2-b', 'art13-2-d', 'art13-2-e']) expect(item(r, id).status, id).toBe('present');
  });

  it('a third-party source makes the Art 14 items apply; a source with no name is missing', () => {
    const d = fixture('minimal');
    d.purposes[0]!.sources = [{ type: 'third_party', description: 'our delivery partner' }];
    let r = checkCoverage(d);
    expect(item(r, 'art14-1-d').applies).toBe(true);
    expect(item(r, 'art14-1-d').status).toBe('present');
    expect(item(r, 'art14-2-f').status).toBe('present');
    expect(item(r, 'art14-2-f').sections).toEqual(['where-your-data-comes-from']);
    // Data not collected from the person: no Art 13(2)(e) duty.
    expect(item(r, 'art13-2-e').status).toBe('not_applicable');
    d.purposes[0]!.sources = [{ type: 'third_party' }];
    r = checkCoverage(d);
    expect(item(r, 'art14-2-f').status).toBe('missing');
    expect(item(r, 'art14-2-f').reason).toContain('Handling your orders (purpose orders)');
  });

  it('a transfer without a safeguard is missing, naming the recipient and country', () => {
    const d = fixture('rich');
    delete d.recipients.find((r) => r.id === 'anthropic')!.safeguard;
    const t = item(checkCoverage(d), 'art13-1-f');
    expect(t.status).toBe('missing');
    expect(t.reason).toContain('Anthropic (recipient anthropic, the United States)');
    // A DPF-certified US recipient needs no further safeguard.
    expect(t.reason).not.toContain('HubSpot');
  });

  it('legitimate interests without the interest, and a missing requirement, are named', () => {
    const d = fixture('rich');
    delete d.purposes[0]!.lawful_bases[0]!.interest;
    delete d.purposes[1]!.requirement;
    const r = checkCoverage(d);
    expect(item(r, 'art13-1-d').status).toBe('missing');
    expect(item(r, 'art13-1-d').reason).toContain('Responding to enquiries (purpose enquiries)');
    expect(item(r, 'art13-2-e').status).toBe('missing');
    expect(item(r, 'art13-2-e').reason).toContain('Marketing emails (purpose direct_marketing)');
  });

  it('automated decisions without logic are missing', () => {
    const d = fixture('rich');
    delete d.automated_decisions[0]!.logic;
    expect(item(checkCoverage(d), 'art13-2-f').status).toBe('missing');
  });

  it('checks the notice for one audience', () => {
    const r = checkCoverage(fixture('rich'), { audience: 'applicants' });
    expect(r.audience).toBe('applicants');
    expect(item(r, 'art14-2-f').status).toBe('present');
    expect(item(r, 'art13-2-c').status).toBe('not_applicable');
    expect(item(r, 'art13-1-f').status).toBe('not_applicable');
    expect(coverageComplete(r)).toBe(true);
    expect(formatCoverage(r)).toContain('audience "applicants"');
    expect(() => checkCoverage(fixture('rich'), { audience: 'x' })).toThrow(UnknownAudienceError);
  });

  it('reads data-covers from rendered HTML', () => {
    const html = '<section id="a" aria-labelledby="a-heading" data-covers="art13-1-a art13-1-b"></section><section id="b" aria-labelledby="b-heading" data-covers=""></section>';
    const m = readCoveredSections(html);
    expect(m.get('art13-1-a')).toEqual(['a']);
    expect(m.get('art13-1-b')).toEqual(['a']);
    expect(m.size).toBe(2);
  });

  it('formats the report for the CLI', () => {
    const out = formatCoverage(checkCoverage(fixture('minimal')));
    expect(out).toContain('present  art13-1-a');
    expect(out).toContain('n/a      art13-1-b');
    expect(out).toContain('The notice covers every item that applies.');
  });
});
