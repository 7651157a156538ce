import { escapeHtml, NOTICE_CSS } from '@pledge/core';

/** Extra rules for the pages around the notice: the version footer, the banner on old versions, lists. */
const PAGE_CSS = `
body { margin: 0; background: #ffffff; }
.pledge-notice.pledge-extra { padding-top: 0; padding-bottom: 1.5rem; }
.pledge-notice.pledge-extra:first-child { padding-top: 1.5rem; padding-bottom: 0; }
.pledge-notice .pledge-version { color: var(--pledge-muted); font-size: 0.9rem; border-top: 1px solid var(--pledge-border); margin-top: 2rem; padding-top: 1rem; }
.pledge-notice .pledge-version a { color: var(--pledge-accent); }
.pledge-notice .pledge-banner { background: var(--pledge-callout); border-left: 4px solid var(--pledge-callout-border); padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.pledge-notice .pledge-material { font-weight: 600; color: #8a1c1c; }
.pledge-notice ol.pledge-log { padding-left: 1.25rem; }
.pledge-notice ol.pledge-log > li { margin-bottom: 1.25rem; }
`;

/**
 * A complete page in the notice's style: no JavaScript, one inline style sheet (the CSP allows inline styles only).
 * `title` is text (escaped here); `body` is HTML the caller has escaped. `noticeCss: false` when the body is a
 * rendered notice fragment, which brings the notice style sheet itself.
 */
export function pageShell(opts: { title: string; body: string; lang?: string; noticeCss?: boolean }): string {
  const lang = escapeHtml(opts.lang || 'en-GB');
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(opts.title)}</title>`,
    `<style>${PAGE_CSS}${opts.noticeCss === false ? '' : NOTICE_CSS}</style>`,
    '</head>',
    '<body>',
    opts.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
