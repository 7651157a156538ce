import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeclaration } from '../declaration/load-declaration.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import { buildNotice } from './build-notice.js';
import { buildShortNotice } from './build-short-notice.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderNotice } from './render-notice.js';
import { renderText } from './render-text.js';

function fixture(name: 'rich' | 'minimal'): Declaration {
  const r = parseDeclaration(readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  if (!r.declaration) throw new Error(JSON.stringify(r.findings, null, 2));
  return r.declaration;
}

const rich = fixture('rich');
const minimal = fixture('minimal');

describe('renderHtml', () => {
  const html = renderNotice(rich, { format: 'html' });

  it('is a semantic, accessible document with no JavaScript', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en-GB">')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:/i);
    for (const tag of ['<header>', '<nav aria-labelledby="contents-heading">', '<main class="pledge-sections">', '<footer>', '<caption id=', '<th scope="col" role="columnheader">', '<th scope="row" role="rowheader">', '<dl>', '<h1>']) {
      expect(html).toContain(tag);
    }
    expect(html).toContain('<section id="who-we-are" aria-labelledby="who-we-are-heading" data-covers="art13-1-a art13-1-b">');
    expect(html).toContain('<h2 id="who-we-are-heading">Who we are</h2>');
    expect(html).toContain('<a href="#your-rights">Your rights</a>');
    expect(html).toContain('<time datetime="2026-02-05">5 February 2026</time>');
    expect(html).toContain('<a href="mailto:dpo@jupiter.example">dpo@jupiter.example</a>');
  });

  it('is themed by CSS variables and printable', () => {
    for (const v of ['--pledge-font', '--pledge-text', '--pledge-accent', '--pledge-bg']) expect(html).toContain(v);
    expect(html).toContain('@media print');
  });

  it('every section carries data-covers', () => {
    const sections = html.match(/<section /g)!.length;
    expect(html.match(/<section [^>]*data-covers="[^"]*"/g)!.length).toBe(sections);
    expect(sections).toBe(buildNotice(rich).sections.length);
  });

  it('gives a fragment for embedding, with an id prefix', () => {
    const frag = renderHtml(buildNotice(rich), { standalone: false, idPrefix: 'pn-' });
    expect(frag).not.toContain('<html');
    expect(frag).not.toContain('<main');
    expect(frag).toContain('<div class="pledge-notice" lang="en-GB">');
    expect(frag).toContain('<section id="pn-who-we-are" aria-labelledby="pn-who-we-are-heading"');
    expect(frag).toContain('href="#pn-your-right-to-object"');
    expect(frag).toContain('<style>');
  });

  it('takes lang from notice.language', () => {
    const d = structuredClone(minimal);
    d.notice.language = 'cy-GB';
    expect(renderNotice(d, { format: 'html' })).toContain('<html lang="cy-GB">');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(buildNotice(rich));

  it('has headings, a contents list and GFM tables', () => {
    expect(md.startsWith('# Privacy notice\n')).toBe(true);
    expect(md).toContain('## Who we are');
    expect(md).toContain('1. [Who we are](#who-we-are)');
    expect(md).toContain('| Organisation | What they do for us | Where | Their role |\n| --- | --- | --- | --- |');
    expect(md).toContain('| Amazon Web Services | Cloud hosting | Germany |');
    expect(md).toContain('> **You can object at any time to our use of your data for direct marketing.** If you do, we will stop.');
    expect(md).toContain('[dpo@jupiter.example](mailto:dpo@jupiter.example)');
    expect(md).toContain('csrf\\_token');
  });

  it('escapes pipes in table cells', () => {
    const d = structuredClone(rich);
    d.recipients[0]!.service = 'Hosting | backups';
    expect(renderMarkdown(buildNotice(d))).toContain('| Amazon Web Services | Hosting \\| backups | Germany |');
  });
});

describe('renderText', () => {
  const text = renderText(buildNotice(rich));

  it('is plain text wrapped at 78 columns', () => {
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(text).toContain('1. WHO WE ARE');
    expect(text).not.toMatch(/<[a-z]/);
    expect(text).toContain('More detail: our cookie policy (/legal/cookies).');
  });

  it('honours a narrower width', () => {
    for (const line of renderText(buildNotice(rich), { width: 50 }).split('\n')) {
      // Only unbreakable words (long URLs) may exceed it.
      if (line.length > 50) expect(line.trim()).not.toContain(' ');
    }
  });
});

describe('the short notice', () => {
  it('summarises each purpose and links to the full notice (notice.url)', () => {
    const d = rich;
    for (const format of ['html', 'markdown', 'text'] as const) {
      const out = renderNotice(d, { format, variant: 'short' });
      expect(out).toContain('https://jupiter.example/privacy');
      for (const p of d.purposes) expect(out).toContain(p.name);
      expect(out).toContain('Jupiter EdTech Limited');
      expect(out).toContain('ico.org.uk');
    }
    const html = renderNotice(d, { format: 'html', variant: 'short' });
    expect(html).toContain('<a href="https://jupiter.example/privacy">Read the full privacy notice</a>');
    expect(html).not.toContain('<nav');
  });

  it('uses fullNoticeUrl, defaulting to #full', () => {
    expect(renderNotice(rich, { format: 'markdown', variant: 'short', fullNoticeUrl: '/privacy/full' })).toContain('](/privacy/full)');
    expect(renderNotice(minimal, { format: 'html', variant: 'short' })).toContain('href="#full"');
  });

  it('is short: a few sections, each a line or a list', () => {
    const m = buildShortNotice(rich);
    expect(m.sections.map((s) => s.id)).toEqual(['summary-who-we-are', 'summary-what-and-why', 'summary-who-gets-it', 'summary-how-long', 'summary-your-rights', 'summary-contact']);
    expect(renderText(m).split('\n').length).toBeLessThan(90);
  });

  it('filters by audience', () => {
    const out = renderNotice(rich, { format: 'text', variant: 'short', audience: 'applicants' });
    expect(out).toContain('Recruitment');
    expect(out).not.toContain('Marketing emails');
  });
});

describe('determinism', () => {
  it('renders the same bytes twice, in every format and variant', () => {
    for (const format of ['html', 'markdown', 'text'] as const) {
      for (const variant of ['full', 'short'] as const) {
        const a = renderNotice(rich, { format, variant });
        const b = renderNotice(structuredClone(rich), { format, variant });
        expect(a).toBe(b);
      }
    }
  });
});
