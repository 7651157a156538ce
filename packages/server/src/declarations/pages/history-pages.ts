import { escapeHtml } from '@pledge/core';
import type { DeclarationVersion } from '../declaration-version.js';
import type { VersionSummary } from '../read-declaration-versions.js';
import { formatPublishedDate } from './format-published-date.js';
import { pageShell } from './page-shell.js';

const when = (iso: string) => `<time datetime="${iso.slice(0, 10)}">${escapeHtml(formatPublishedDate(iso))}</time>`;

function header(current: DeclarationVersion, heading: string, intro: string): string {
  const d = current.declaration;
  const updated = `<p class="pledge-meta">Last updated: ${when(current.publishedAt)} (version ${current.version})</p>`;
  return `<header>\n<p class="pledge-org">${escapeHtml(d.organisation.legal_name)}</p>\n<h1>${escapeHtml(heading)}</h1>\n${updated}\n<p>${intro}</p>\n</header>`;
}

/** /privacy/versions: every published version with its date and summary, each linking to its notice. */
export function versionsPage(current: DeclarationVersion, versions: readonly VersionSummary[]): string {
  const d = current.declaration;
  const items = versions
    .map((v) => {
      const label = v.version === current.version ? ' (current)' : '';
      return `<li><a href="/privacy/versions/${v.version}">Version ${v.version}</a>${label}, published ${when(v.publishedAt)}${v.material ? ' <span class="pledge-material">(material change)</span>' : ''}<ul>${v.summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul></li>`;
    })
    .join('\n');
  const body = [
    '<div class="pledge-notice">',
    header(current, `Versions of our ${d.notice.title.toLowerCase()}`, `Every version of this notice we have published, newest first. <a href="/privacy">Read the current notice</a> or <a href="/privacy/changes">see what changed</a>.`),
    `<main>\n<ol class="pledge-log" reversed>\n${items}\n</ol>\n</main>`,
    '</div>',
  ].join('\n');
  return pageShell({ title: `Versions: ${d.notice.title} \u2013 ${d.organisation.legal_name}`, lang: d.notice.language, body });
}

/** /privacy/changes: the public change log, each version's date and what changed, material changes marked. */
export function changesPage(current: DeclarationVersion, versions: readonly VersionSummary[]): string {
  const d = current.declaration;
  const items = versions
    .map(
      (v) =>
        `<li id="v${v.version}"><h2>${when(v.publishedAt)}: <a href="/privacy/versions/${v.version}">version ${v.version}</a></h2>` +
        (v.material ? '<p class="pledge-material">Material change: this changes how we use personal data.</p>' : '') +
        `<ul>${v.summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul></li>`,
    )
    .join('\n');
  const body = [
    '<div class="pledge-notice">',
    header(current, 'Changes to our privacy notice', `What changed in each version of our notice, newest first. Changes marked material change how we use personal data. <a href="/privacy">Read the current notice</a>.`),
    `<main>\n<ol class="pledge-log" reversed>\n${items}\n</ol>\n</main>`,
    '</div>',
  ].join('\n');
  return pageShell({ title: `Changes: ${d.notice.title} \u2013 ${d.organisation.legal_name}`, lang: d.notice.language, body });
}

/** A page saying what is not here and where to go instead. `message` and `links` are escaped here. */
export function notFoundPage(opts: { heading: string; message: string; links?: readonly { href: string; text: string }[] }): string {
  const links = opts.links?.length ? `<ul>\n${opts.links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`).join('\n')}\n</ul>` : '';
  return pageShell({
    title: opts.heading,
    body: `<div class="pledge-notice">\n<main>\n<h1>${escapeHtml(opts.heading)}</h1>\n<p>${escapeHtml(opts.message)}</p>\n${links}\n</main>\n</div>`,
  });
}
