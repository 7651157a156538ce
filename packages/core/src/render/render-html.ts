import { cleanSpan, cleanText } from './clean-text.js';
import { escapeHtml } from './escape-html.js';
import type { Block, Inline, NoticeModel, NoticeSection } from './notice-model.js';
import { NOTICE_CSS } from './notice-style.js';
import { formatDate, safeHref } from './words.js';

export interface RenderHtmlOptions {
  /** true (default): a complete HTML document. false: a fragment (style + one element) to embed in a page. */
  standalone?: boolean;
  /** Prefix for every id, so two notices can share a page. Default "". */
  idPrefix?: string;
  /** Include the embedded style sheet. Default true. */
  includeStyle?: boolean;
}

/** Escaped text of a declaration string in an inline position. */
function t(text: string): string {
  return escapeHtml(cleanText(text));
}

function inline(content: Inline, prefix: string): string {
  if (typeof content === 'string') return t(content);
  return content
    .map((s, i) => {
      let html = escapeHtml(cleanSpan(i === 0 ? s.text.trimStart() : s.text));
      if (s.strong) html = `<strong>${html}</strong>`;
      const href = s.href === undefined ? undefined : safeHref(s.href);
      if (href) html = `<a href="${escapeHtml(href.startsWith('#') ? `#${prefix}${href.slice(1)}` : href)}">${html}</a>`;
      return html;
    })
    .join('');
}

function block(b: Block, prefix: string, ids: { section: string; tables: number }): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inline(b.text, prefix)}</p>`;
    case 'subheading':
      return `<h3>${inline(b.text, prefix)}</h3>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${inline(i, prefix)}</li>`).join('\n')}\n</ul>`;
    case 'definitions':
      return `<dl>\n${b.items
        .map((i) => {
          const dd = i.details.length > 1 ? i.details.map((d) => `<p>${inline(d, prefix)}</p>`).join('') : inline(i.details[0] ?? '', prefix);
          return `<dt>${inline(i.term, prefix)}</dt>\n<dd>${dd}</dd>`;
        })
        .join('\n')}\n</dl>`;
    case 'table': {
      const id = `${prefix}${ids.section}-table-${++ids.tables}`;
      // Explicit roles keep table semantics when narrow screens lay rows out as cards (display: block).
      const head = b.columns.map((c) => `<th scope="col" role="columnheader">${t(c)}</th>`).join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr role="row">${r
              .map((cell, i) =>
                i === 0
                  ? `<th scope="row" role="rowheader">${inline(cell, prefix)}</th>`
                  : `<td role="cell" data-label="${t(b.columns[i] ?? '')}">${inline(cell, prefix)}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('\n');
      return `<div class="pledge-table" role="region" aria-labelledby="${escapeHtml(id)}" tabindex="0">\n<table role="table">\n<caption id="${escapeHtml(id)}">${t(b.caption)}</caption>\n<thead role="rowgroup"><tr role="row">${head}</tr></thead>\n<tbody role="rowgroup">\n${rows}\n</tbody>\n</table>\n</div>`;
    }
    case 'callout':
      return `<div class="pledge-callout">\n${b.blocks.map((x) => block(x, prefix, ids)).join('\n')}\n</div>`;
  }
}

function section(s: NoticeSection, prefix: string): string {
  const id = escapeHtml(prefix + s.id);
  const ids = { section: s.id, tables: 0 };
  const body = s.blocks.map((b) => block(b, prefix, ids)).join('\n');
  return `<section id="${id}" aria-labelledby="${id}-heading" data-covers="${escapeHtml(s.covers.join(' '))}">\n<h2 id="${id}-heading">${t(s.heading)}</h2>\n${body}\n</section>`;
}

/**
 * Renders the notice as semantic, accessible, printable HTML with an embedded, variable-themed style sheet and no
 * JavaScript. Each section carries data-covers listing the Art 13/14 items it tells, for checkCoverage.
 */
export function renderHtml(model: NoticeModel, options: RenderHtmlOptions = {}): string {
  const prefix = options.idPrefix ?? '';
  const standalone = options.standalone ?? true;
  const lang = escapeHtml(cleanText(model.language) || 'en-GB');
  const updated = model.lastUpdated ? `<p class="pledge-meta">Last updated: <time datetime="${t(model.lastUpdated)}">${t(formatDate(model.lastUpdated))}</time></p>` : '';
  const header = [
    '<header>',
    `<p class="pledge-org">${t(model.organisation)}</p>`,
    `<h1>${t(model.title)}</h1>`,
    updated,
    ...model.intro.map((b) => block(b, prefix, { section: 'intro', tables: 0 })),
    '</header>',
  ]
    .filter(Boolean)
    .join('\n');
  const nav =
    model.variant === 'full' && model.sections.length > 1
      ? `<nav aria-labelledby="${escapeHtml(prefix)}contents-heading">\n<h2 id="${escapeHtml(prefix)}contents-heading">Contents</h2>\n<ol>\n${model.sections
          .map((s) => `<li><a href="#${escapeHtml(prefix + s.id)}">${t(s.heading)}</a></li>`)
          .join('\n')}\n</ol>\n</nav>`
      : '';
  const sections = model.sections.map((s) => section(s, prefix)).join('\n');
  const fullLink = model.fullNoticeUrl ? safeHref(model.fullNoticeUrl) : undefined;
  const footer = [
    '<footer>',
    `<p>${t(model.organisation)}${model.lastUpdated ? ` \u00b7 Last updated ${t(formatDate(model.lastUpdated))}` : ''}</p>`,
    fullLink ? `<p><a href="${escapeHtml(fullLink)}">Read the full privacy notice</a></p>` : '',
    '</footer>',
  ]
    .filter(Boolean)
    .join('\n');
  const style = options.includeStyle === false ? '' : `<style>${NOTICE_CSS}</style>`;
  const mainTag = standalone ? 'main' : 'div';
  const inner = [header, nav, `<${mainTag} class="pledge-sections">`, sections, `</${mainTag}>`, footer].filter(Boolean).join('\n');

  if (!standalone) return `${style}\n<div class="pledge-notice" lang="${lang}">\n${inner}\n</div>\n`;
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${t(model.title)} \u2013 ${t(model.organisation)}</title>`,
    options.includeStyle === false ? '' : `<style>body { margin: 0; background: #ffffff; }${NOTICE_CSS}</style>`,
    '</head>',
    '<body>',
    `<div class="pledge-notice">`,
    inner,
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n')
    .concat('\n');
}
