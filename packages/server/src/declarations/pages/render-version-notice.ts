import { escapeHtml, renderNotice, type Declaration } from '@pledge/core';
import type { DeclarationVersion } from '../declaration-version.js';
import { formatPublishedDate } from './format-published-date.js';
import { pageShell } from './page-shell.js';

export type NoticeFormat = 'html' | 'markdown' | 'text';

export interface VersionNoticeOptions {
  format: NoticeFormat;
  audience?: string;
  variant?: 'full' | 'short';
  /** The current version's number, when this is an older one: the page says so and links to the current notice. */
  currentVersion?: number;
}

/**
 * The declaration as rendered for this version: when it states no "last updated" date, the date it was published
 * is used, so every notice says when it last changed.
 */
function withLastUpdated(v: DeclarationVersion): Declaration {
  const d = v.declaration;
  return d.notice.last_updated ? d : { ...d, notice: { ...d.notice, last_updated: v.publishedAt.slice(0, 10) } };
}

/**
 * A version's notice, rendered from its stored declaration (so old versions stay reproducible), with a footer
 * naming the version and its publication date and linking to the other versions and the change log.
 * @throws UnknownAudienceError for an audience the version does not declare.
 */
export function renderVersionNotice(v: DeclarationVersion, opts: VersionNoticeOptions): string {
  // Published versions never change, so a rendering can be reused: the key names everything that shapes the page.
  const key = [v.version, v.contentHash, v.publishedAt, opts.format, opts.audience ?? '', opts.variant ?? 'full', opts.currentVersion ?? ''].join('|');
  const cached = renderCache.get(key);
  if (cached !== undefined) return cached;
  const page = renderUncached(v, opts);
  if (renderCache.size >= RENDER_CACHE_SIZE) renderCache.delete(renderCache.keys().next().value!);
  renderCache.set(key, page);
  return page;
}

const RENDER_CACHE_SIZE = 256;
const renderCache = new Map<string, string>();

function renderUncached(v: DeclarationVersion, opts: VersionNoticeOptions): string {
  const declaration = withLastUpdated(v);
  const date = v.publishedAt.slice(0, 10);
  const old = opts.currentVersion !== undefined && opts.currentVersion !== v.version;
  const fullNoticeUrl = old ? `/privacy/versions/${v.version}` : '/privacy';
  const rendered = renderNotice(declaration, {
    format: opts.format,
    ...(opts.audience === undefined ? {} : { audience: opts.audience }),
    ...(opts.variant === 'short' ? { variant: 'short' as const, fullNoticeUrl } : {}),
    ...(opts.format === 'html' ? { standalone: false } : {}),
  });
  if (opts.format !== 'html') {
    const line = `Version ${v.version}, published ${date}.${old ? ` A newer version (${opts.currentVersion}) is current: /privacy.` : ''} Previous versions: /privacy/versions. Changes: /privacy/changes.`;
    return `${rendered.trimEnd()}\n\n${opts.format === 'markdown' ? '---\n\n' : ''}${line}\n`;
  }
  const when = `<time datetime="${date}">${escapeHtml(formatPublishedDate(v.publishedAt))}</time>`;
  const banner = old
    ? `<div class="pledge-notice pledge-extra"><p class="pledge-banner">This is version ${v.version} of this notice, published on ${when}. It has been replaced: <a href="/privacy">read the current notice</a> (version ${opts.currentVersion}).</p></div>`
    : '';
  const self = old ? `/privacy/versions/${v.version}` : '/privacy';
  // The notice promises rights and choices; the current one links to where they are exercised (Art 12(2): the controller
  // facilitates the exercise of rights): the privacy centre (rights/) and the preference centre (consent/).
  const actions = old
    ? ''
    : '<p class="pledge-actions"><a href="/privacy/requests">Make a request about your data</a> \u00b7 <a href="/consent/preferences">Change your marketing and cookie choices</a></p>';
  const footer = [
    `<footer class="pledge-notice pledge-extra">${actions}<p class="pledge-version">`,
    `Version ${v.version}, published ${when}.`,
    ' <a href="/privacy/versions">Previous versions</a> \u00b7 <a href="/privacy/changes">What changed</a>',
    ` \u00b7 <a href="${self}.md">Markdown</a> \u00b7 <a href="${self}.txt">Plain text</a> \u00b7 <a href="${self}.json">JSON</a>`,
    '</p></footer>',
  ].join('');
  const subjectName = opts.audience ? declaration.subjects.find((s) => s.id === opts.audience)?.name : undefined;
  const title = `${declaration.notice.title}${subjectName ? ` for ${subjectName}` : ''} \u2013 ${declaration.organisation.legal_name}`;
  // The fragment brings the notice style sheet; the page adds the banner and the version footer around it.
  return pageShell({ title, lang: declaration.notice.language, noticeCss: false, body: [banner, `<main>\n${rendered}</main>`, footer].filter(Boolean).join('\n') });
}
