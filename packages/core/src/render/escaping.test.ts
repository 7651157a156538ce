import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { escapeHtml } from './escape-html.js';
import { escapeMarkdown } from './escape-markdown.js';
import { renderNotice } from './render-notice.js';

function fixture(name: 'rich' | 'minimal'): Declaration {
  const r = parseDeclaration(readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  if (!r.declaration) throw new Error(JSON.stringify(r.findings, null, 2));
  return r.declaration;
}

const rich = fixture('rich');

/** Places `s` in every kind of reader-facing string: names, descriptions, free text, table cells, headings. */
function inject(s: string): Declaration {
  const d = structuredClone(rich);
  d.organisation.legal_name = s;
  d.organisation.address = s;
  d.organisation.contact = { email: s, phone: s, url: s, name: s };
  d.notice.title = s;
  d.notice.introduction = s;
  d.notice.statements = [s];
  d.notice.sections = [{ title: s, body: s }];
  d.subjects[0]!.name = s;
  d.data_categories[0]!.name = s;
  d.data_categories[0]!.examples = [s];
  d.purposes[0]!.name = s;
  d.purposes[0]!.description = s;
  d.purposes[0]!.lawful_bases[0]!.interest = s;
  d.purposes[0]!.lawful_bases[0]!.when = s;
  d.recipients[0]!.name = s;
  d.recipients[0]!.service = s;
  d.recipients[1]!.safeguard!.copy = s;
  d.retention[0]!.name = s;
  d.retention[0]!.criteria = s;
  d.cookies!.items[0]!.name = s;
  d.cookies!.items[0]!.purpose = s;
  d.cookies!.policy_url = s;
  d.automated_decisions[0]!.logic = s;
  d.rights!.channels = [{ type: 'web_form', value: s }, { type: 'email', value: s }];
  d.rights!.identity_verification = s;
  d.complaints!.process = s;
  d.complaints!.ico = { url: s, helpline: s };
  d.changes!.history![0]!.summary = s;
  return d;
}

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=1>', "'><svg onload=alert(1)>", '[x](javascript:alert(1))', '| pipes | in | cells |', 'bell\u0007 nul\u0000 esc\u001b[31m del\u007f rlo\u202e end', 'javascript:alert(1)'];

const FORMATS = ['html', 'markdown', 'text'] as const;
const render = (d: Declaration, format: (typeof FORMATS)[number], variant: 'full' | 'short' = 'full') => renderNotice(d, { format, variant });

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('escapeMarkdown', () => {
  it('neutralises links, HTML, emphasis, pipes and block markers', () => {
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(escapeMarkdown('<b>*hi*</b> | _x_ `c` ~~s~~ &amp; $m$')).toBe('\\<b\\>\\*hi\\*\\</b\\> \\| \\_x\\_ \\`c\\` \\~\\~s\\~\\~ \\&amp; \\$m\\$');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('a\nb')).toBe('a b');
  });
});

describe('hostile strings from the declaration', () => {
  for (const s of HOSTILE) {
    it(`never appear unescaped: ${JSON.stringify(s)}`, () => {
      const d = inject(s);
      for (const variant of ['full', 'short'] as const) {
        const html = render(d, 'html', variant);
        expect(html).not.toMatch(/<script|<img|<svg|<[^>]*\son[a-z]+=/i);
        expect(html).not.toMatch(/href="\s*javascript:/i);
        expect(html).not.toContain(s.includes('<') || s.includes('"') ? s : '\u0000never');
        const md = render(d, 'markdown', variant);
        expect(md).not.toMatch(/(^|[^\\])<(script|img|svg)/i);
        expect(md).not.toContain('[x](javascript:');
        expect(md).not.toMatch(/(^|[^\\])\]\(javascript:/i);
        if (s.startsWith('|')) expect(md).toContain('\\| pipes \\| in \\| cells \\|');
        for (const out of [html, md, render(d, 'text', variant)]) {
          // eslint-disable-next-line no-control-regex
          expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/);
        }
      }
    });
  }

  it('property: no input string containing < or " appears verbatim in the HTML, and no < appears unescaped in the Markdown', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme-ascii' }), (raw) => {
        const s = `Zq${raw}`;
        const d = inject(s);
        const html = render(d, 'html');
        const md = render(d, 'markdown');
        const text = render(d, 'text');
        if (/[<>"']/.test(s)) expect(html).not.toContain(s);
        expect(html).not.toMatch(/<script|<[^>]*\son[a-z]+=/i);
        // Every < that came from the input is escaped in Markdown: "Zq" is followed only by escaped text.
        if (s.includes('<')) expect(md).not.toContain(s);
        // eslint-disable-next-line no-control-regex
        expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      }),
      { numRuns: 150 },
    );
  });

  it('property: arbitrary unicode never breaks out of an HTML attribute or element', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const html = render(inject(`Zq${raw}<i>`), 'html');
        expect(html).not.toContain('<i>');
        expect(html).not.toMatch(/<script/i);
      }),
      { numRuns: 100 },
    );
  });
});
