import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { UnknownAudienceError } from '../render/unknown-audience-error.js';
import { buildAccessReport } from './build-access-report.js';
import { recipientsToTell } from './recipients-to-tell.js';
import { renderAccessReportHtml, renderAccessReportText } from './render-access-report.js';

function fixture(name: 'rich' | 'minimal'): Declaration {
  const r = parseDeclaration(readFileSync(new URL(`../render/fixtures/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  if (!r.declaration) throw new Error(JSON.stringify(r.findings, null, 2));
  return r.declaration;
}

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>\u0007\u202e & "quoted"';

describe('buildAccessReport', () => {
  it('escapes every declared and staff-given string in the HTML, and strips control characters in the text', () => {
    const d = structuredClone(fixture('rich'));
    d.organisation.legal_name = HOSTILE;
    d.purposes[0]!.name = HOSTILE;
    d.purposes[0]!.description = HOSTILE;
    d.data_categories[0]!.name = HOSTILE;
    d.recipients[0]!.name = HOSTILE;
    const report = buildAccessReport(d, {
      requestType: 'access',
      receivedAt: '2026-01-31',
      reference: HOSTILE,
      search: HOSTILE,
      systems: [{ id: 's', name: HOSTILE, description: HOSTILE, files: [HOSTILE] }],
    });
    const html = renderAccessReportHtml(report);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toMatch(/[\u0007\u202e]/);
    const text = renderAccessReportText(report);
    expect(text).not.toMatch(/[\u0007\u202e]/);
    expect(text).toContain('<script>alert("x")</script>'); // plain text is not HTML: shown as written
  });

  it('says when nothing was found, and states "none" answers rather than leaving items out', () => {
    const d = fixture('minimal');
    const report = buildAccessReport(d, { requestType: 'access', receivedAt: '2026-03-02', systems: [] });
    const text = renderAccessReportText(report).replace(/\s+/g, ' ');
    expect(text).toContain('We searched our records and found no personal data about you.');
    expect(text).toContain('Art 15(1)(h)');
    expect(text).toContain('Art 15(2)');
    expect(report.preparedAt).toBe('2026-03-02');
  });

  it('for portability, describes machine-readable data (Art 20) and keeps the rights and the ICO', () => {
    const report = buildAccessReport(fixture('rich'), { requestType: 'portability', receivedAt: '2026-03-02', preparedAt: '2026-03-04' });
    const text = renderAccessReportText(report).replace(/\s+/g, ' ');
    expect(text).toContain('machine-readable formats: JSON and CSV');
    expect(text).toContain('Article 20');
    expect(report.sections.map((s) => s.id)).toEqual(['your-data', 'your-other-rights', 'your-right-to-object', 'how-to-complain']);
  });

  it('refuses a subject group the declaration does not have', () => {
    expect(() => buildAccessReport(fixture('rich'), { requestType: 'access', receivedAt: '2026-03-02', subjects: ['nobody'] })).toThrow(UnknownAudienceError);
  });
});

describe('recipientsToTell (Art 19)', () => {
  it('resolves categories, purposes, recipients and processor activities, and reports unknown ids', () => {
    const d = fixture('rich');
    const cat = d.purposes.find((p) => (p.recipients ?? []).length)!;
    const byPurpose = recipientsToTell(d, [cat.id]);
    expect(byPurpose.recipients.map((r) => r.recipientId).sort()).toEqual([...new Set(cat.recipients)].filter((id) => d.recipients.some((r) => r.id === id)).sort());
    expect(byPurpose.recipients.every((r) => r.via.includes(cat.id))).toBe(true);
    const unknown = recipientsToTell(d, ['no_such_system']);
    expect(unknown).toMatchObject({ recipients: [], unknown: ['no_such_system'] });
    const rid = d.recipients[0]!.id;
    expect(recipientsToTell(d, [rid, rid]).recipients.map((r) => r.recipientId)).toEqual([rid]);
  });
});
