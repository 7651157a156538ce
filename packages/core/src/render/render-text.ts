import { cleanSpan, cleanText } from './clean-text.js';
import type { Block, Inline, NoticeModel } from './notice-model.js';
import { formatDate, safeHref } from './words.js';
import { wrapText } from './wrap-text.js';

export interface RenderTextOptions {
  /** Line width; default 78. */
  width?: number;
}

function inline(content: Inline): string {
  if (typeof content === 'string') return cleanText(content);
  return cleanText(
    content
      .map((s) => {
        const text = cleanSpan(s.text);
        const href = s.href === undefined ? undefined : safeHref(s.href);
        if (!href || href.startsWith('#') || href.startsWith('mailto:') || href.startsWith('tel:') || href === text.trim()) return text;
        return `${text} (${href})`;
      })
      .join(''),
  );
}

function block(b: Block, width: number, indent: string): string {
  switch (b.type) {
    case 'paragraph':
      return wrapText(inline(b.text), width, indent);
    case 'subheading': {
      const h = inline(b.text);
      return `${indent}${h}\n${indent}${'-'.repeat(Math.min(h.length, width - indent.length))}`;
    }
    case 'list':
      return b.items.map((i) => wrapText(inline(i), width, `${indent}  - `, `${indent}    `)).join('\n');
    case 'definitions':
      return b.items
        .map((i) => [wrapText(inline(i.term), width, indent), ...i.details.map((d) => wrapText(inline(d), width, `${indent}    `))].join('\n'))
        .join('\n\n');
    case 'table':
      return b.rows
        .map((r) =>
          [
            wrapText(inline(r[0] ?? ''), width, `${indent}  - `, `${indent}    `),
            ...b.columns.slice(1).flatMap((c, i) => {
              const v = inline(r[i + 1] ?? '');
              return v ? [wrapText(`${cleanText(c)}: ${v}`, width, `${indent}    `, `${indent}      `)] : [];
            }),
          ].join('\n'),
        )
        .join('\n\n');
    case 'callout':
      return b.blocks.map((x) => block(x, width, `${indent}| `)).join(`\n${indent}|\n`);
  }
}

/** Renders the notice as plain text wrapped at about 78 columns, with control characters removed. */
export function renderText(model: NoticeModel, options: RenderTextOptions = {}): string {
  const width = options.width ?? 78;
  const title = cleanText(model.title);
  const parts: string[] = [`${title}\n${'='.repeat(Math.min(title.length, width))}`];
  const meta = [cleanText(model.organisation)];
  if (model.lastUpdated) meta.push(`Last updated: ${formatDate(cleanText(model.lastUpdated))}`);
  parts.push(wrapText(meta.join(' \u00b7 '), width));
  parts.push(...model.intro.map((b) => block(b, width, '')));
  if (model.variant === 'full' && model.sections.length > 1) {
    parts.push(['Contents', ...model.sections.map((s, i) => wrapText(cleanText(s.heading), width, `  ${String(i + 1).padStart(2)}. `, '      '))].join('\n'));
  }
  model.sections.forEach((s, i) => {
    const h = `${model.variant === 'full' ? `${i + 1}. ` : ''}${cleanText(s.heading).toUpperCase()}`;
    parts.push(h);
    parts.push(...s.blocks.map((b) => block(b, width, '')));
  });
  const full = model.fullNoticeUrl ? safeHref(model.fullNoticeUrl) : undefined;
  if (full) parts.push(`Read the full privacy notice: ${full}`);
  return `${parts.filter((p) => p.trim().length > 0).join('\n\n')}\n`;
}
