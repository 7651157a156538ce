import { COOKIE_CATEGORY_NAMES, escapeHtml, gpcRefusedCategories, UnknownAudienceError } from '@pledge/core';
import type { ServiceDeps } from '../../service-deps.js';
import type { DeclarationVersion } from '../declaration-version.js';
import { currentVersion, listVersions, versionByNumber } from '../read-declaration-versions.js';
import { changesPage, notFoundPage, versionsPage } from './history-pages.js';
import { renderVersionNotice, type NoticeFormat } from './render-version-notice.js';
import type { Page } from './send-page.js';

export type PageFormat = NoticeFormat | 'json';

const NOTHING_PUBLISHED: Page = {
  status: 404,
  type: 'html',
  body: notFoundPage({
    heading: 'No privacy notice has been published yet',
    message: 'This organisation has not published its privacy notice here yet. Please check again later, or contact the organisation directly.',
  }),
};

/** The declaration as JSON, with the version it belongs to. */
function versionJson(v: DeclarationVersion): string {
  return `${JSON.stringify({ version: v.version, published_at: v.publishedAt, content_hash: v.contentHash, material: v.material, summary: v.summary, declaration: v.declaration }, null, 2)}\n`;
}

/** A 404 for an audience the version does not declare, listing the ones it does. */
function unknownAudience(e: UnknownAudienceError, v: DeclarationVersion): Page {
  return {
    status: 404,
    type: 'html',
    body: notFoundPage({
      heading: 'No notice for this audience',
      message: `There is no notice for "${e.audience}". ${e.known.length ? 'Notices are published for these groups of people:' : 'This notice is not divided by audience.'}`,
      links: [...v.declaration.subjects.map((s) => ({ href: `/privacy/for/${encodeURIComponent(s.id)}`, text: s.name })), { href: '/privacy', text: 'The full privacy notice' }],
    }),
  };
}

function render(v: DeclarationVersion, format: PageFormat, key: string, opts: { audience?: string; variant?: 'full' | 'short'; currentVersion?: number; immutable: boolean }): Page {
  const etagKey = `${v.contentHash}|${v.version}|${key}|${format}|${opts.variant ?? 'full'}|${opts.audience ?? ''}|${opts.currentVersion ?? ''}`;
  if (format === 'json') return { type: 'json', body: versionJson(v), etagKey, immutable: opts.immutable };
  try {
    const body = renderVersionNotice(v, {
      format,
      ...(opts.audience === undefined ? {} : { audience: opts.audience }),
      ...(opts.variant ? { variant: opts.variant } : {}),
      ...(opts.currentVersion === undefined ? {} : { currentVersion: opts.currentVersion }),
    });
    return { type: format, body, etagKey, immutable: opts.immutable };
  } catch (e) {
    if (e instanceof UnknownAudienceError) return unknownAudience(e, v);
    throw e;
  }
}

/**
 * What the HTML notice says to a visitor whose browser sends Global Privacy Control (`Sec-GPC: 1`): the cookie
 * categories that signal refuses, as the banner does on the organisation's sites (PECR reg 6; UK-RULES section 8).
 * Empty when the declaration does not honour GPC or needs no consent for any cookie.
 */
export function gpcStatusHtml(v: DeclarationVersion): string {
  const refused = gpcRefusedCategories(v.declaration);
  if (!refused.length) return '';
  const names = refused.map((c) => COOKIE_CATEGORY_NAMES[c].toLowerCase());
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]!;
  return `<div class="pledge-notice pledge-extra" role="status" id="pledge-gpc"><p class="pledge-banner">Your browser sent a Global Privacy Control signal. We treat it as your refusal of ${escapeHtml(list)} cookies, without asking: they stay off while your browser sends it.</p></div>`;
}

/**
 * The current notice: full or short, for everyone or one audience, in any format. The HTML notice depends on the
 * `Sec-GPC` header (`gpc`): with it, the page states the cookie categories the signal refuses.
 */
export async function currentNoticePage(deps: ServiceDeps, opts: { format: PageFormat; variant?: 'full' | 'short'; audience?: string; gpc?: boolean }): Promise<Page> {
  const v = await currentVersion(deps.store.db);
  if (!v) return NOTHING_PUBLISHED;
  const { gpc, ...rest } = opts;
  const page = render(v, opts.format, gpc ? 'current-gpc' : 'current', { ...rest, immutable: false });
  if (opts.format !== 'html' || page.type !== 'html') return page;
  const status = gpc ? gpcStatusHtml(v) : '';
  return { ...page, vary: 'Sec-GPC', ...(status ? { body: page.body.replace('<body>\n', `<body>\n${status}\n`) } : {}) };
}

/** A published version's notice, as it was published. The "replaced" banner depends on the current version. */
export async function versionNoticePage(deps: ServiceDeps, version: number, format: PageFormat): Promise<Page> {
  const [v, current] = await Promise.all([versionByNumber(deps.store.db, version), currentVersion(deps.store.db)]);
  if (!current) return NOTHING_PUBLISHED;
  if (!v) {
    return {
      status: 404,
      type: 'html',
      body: notFoundPage({
        heading: 'No such version',
        message: `Version ${version} of this privacy notice does not exist. The current version is ${current.version}.`,
        links: [
          { href: '/privacy', text: 'The current privacy notice' },
          { href: '/privacy/versions', text: 'Every version' },
        ],
      }),
    };
  }
  // Revalidated like the current notice, not cached for long: its banner names the current version, which moves on.
  return render(v, format, 'version', { currentVersion: current.version, immutable: false });
}

/** /privacy/versions or /privacy/changes: they change only when a version is published. */
export async function historyPage(deps: ServiceDeps, which: 'versions' | 'changes'): Promise<Page> {
  const current = await currentVersion(deps.store.db);
  if (!current) return NOTHING_PUBLISHED;
  const versions = await listVersions(deps.store.db);
  return {
    type: 'html',
    body: which === 'versions' ? versionsPage(current, versions) : changesPage(current, versions),
    etagKey: `${which}|${current.version}|${current.contentHash}`,
  };
}
