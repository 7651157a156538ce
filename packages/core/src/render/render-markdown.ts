import { cleanSpan, cleanText } from './clean-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import type { Block, Inline, NoticeModel } from './notice-model.js';
import { formatDate, safeHref } from './words.js';

function t(text: string): string {
  return escapeMarkdown(cleanText(text));
}

function inline(content: Inline): string {
  if (typeof content === 'string') return t(content);
  return content
    .map((s, i) => {
      const raw = cleanSpan(i === 0 ? s.text.trimStart() : s.text);
      let md = escapeMarkdown(raw);
      // Emphasis markers must touch the text: "**bold** " not "** bold **".
      if (s.strong && raw.trim()) md = md.replace(/^(\s*)(.*?)(\s*)$/, '$1**$2**$3');
      const href = s.href === undefined ? undefined : safeHref(s.href);
      if (href && md) md = `[${md}](${href.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`;
      return md;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return inline(b.text);
    case 'subheading':
      return `### ${inline(b.text)}`;
    case 'list':
      return b.items.map((i) => `- ${inline(i)}`).join('\n');
    case 'definitions':
      return b.items
        .map((i) => {
          const term = `**${inline(i.term)}**`;
          if (i.details.length === 1) return `- ${term}: ${inline(i.details[0]!)}`;
          return [`- ${term}`, ...i.details.map((d) => `  - ${inline(d)}`)].join('\n');
        })
        .join('\n');
    case 'table': {
      const cell = (c: Inline): string => inline(c) || ' ';
      const head = `| ${b.columns.map((c) => t(c)).join(' | ')} |`;
      const rule = `| ${b.columns.map(() => '---').join(' | ')} |`;
      const rows = b.rows.map((r) => `| ${b.columns.map((_c, i) => cell(r[i] ?? '')).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    }
    case 'callout':
      return b.blocks
        .map(block)
        .join('\n\n')
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
  }
}

export interface RenderMarkdownOptions {
  /** Include the numbered contents list. Default true. */
  contents?: boolean;
}

/** Renders the notice as GitHub-flavoured Markdown: headings, a contents list, lists and escaped tables. */
export function renderMarkdown(model: NoticeModel, options: RenderMarkdownOptions = {}): string {
  const parts: string[] = [`# ${t(model.title)}`];
  const meta = [`**${t(model.organisation)}**`];
  if (model.lastUpdated) meta.push(`Last updated: ${t(formatDate(model.lastUpdated))}`);
  parts.push(meta.join(' \u00b7 '));
  parts.push(...model.intro.map(block));
  if (options.contents !== false && model.variant === 'full' && model.sections.length > 1) {
    parts.push('## Contents', model.sections.map((s, i) => `${i + 1}. [${t(s.heading)}](#${s.id})`).join('\n'));
  }
  for (const s of model.sections) {
    parts.push(`## ${t(s.heading)}`);
    parts.push(...s.blocks.map(block));
  }
  const full = model.fullNoticeUrl ? safeHref(model.fullNoticeUrl) : undefined;
  if (full) parts.push(`[Read the full privacy notice](${full.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`);
  return `${parts.filter((p) => p.length > 0).join('\n\n')}\n`;
}
