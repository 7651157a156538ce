import { escapeHtml, NOTICE_CSS } from '@pledge/core';

/**
 * The staff pages' own rules, on top of the public notice's style sheet (same CSS variables, same type): forms with
 * large tap targets (at least 44px high), 16px+ inputs (no zoom on phones), a visible focus ring, and error styling
 * that does not rely on colour alone (an "Error:" prefix and a thick border).
 */
export const STAFF_CSS = `
body { margin: 0; background: #eef2f6; }
.pledge-notice.pledge-staff { --pledge-max-width: 40rem; --pledge-error: #b42318; --pledge-ok: #1e6b34; background: transparent; padding-top: 1.5rem; }
.pledge-staff header { margin-bottom: 1.25rem; }
.pledge-staff .pledge-card { background: #ffffff; border: 1px solid var(--pledge-border); border-radius: 10px; padding: 1.25rem 1.25rem 0.5rem; margin: 0 0 1.25rem; }
.pledge-staff .pledge-card > h2:first-child { margin-top: 0; }
.pledge-staff h2, .pledge-staff nav h2 { font-size: 1.25rem; margin: 1.5rem 0 0.6rem; padding: 0; }
.pledge-staff .pledge-field { margin: 0 0 1.25rem; }
.pledge-staff label { display: block; font-weight: 600; margin: 0 0 0.25rem; }
.pledge-staff .pledge-hint { display: block; color: var(--pledge-muted); font-size: 0.95rem; margin: 0 0 0.4rem; }
.pledge-staff .pledge-hint ul { margin: 0.25rem 0 0; }
.pledge-staff .pledge-field-error { display: block; color: var(--pledge-error); font-weight: 600; margin: 0 0 0.4rem; }
.pledge-staff input[type="text"], .pledge-staff input[type="email"], .pledge-staff input[type="password"] {
  display: block; width: 100%; min-height: 2.9rem; padding: 0.55rem 0.75rem; font: inherit; font-size: 1.0625rem; color: var(--pledge-text);
  background: #ffffff; border: 2px solid #616e7c; border-radius: 6px;
}
.pledge-staff input.pledge-code { max-width: 16rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: 0.08em; }
.pledge-staff input[aria-invalid="true"] { border-color: var(--pledge-error); border-width: 3px; }
.pledge-staff input:focus-visible, .pledge-staff button:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; box-shadow: 0 0 0 2px #1f2933; }
.pledge-staff a:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; background: #fff3cc; }
.pledge-staff button {
  display: inline-block; min-height: 2.9rem; min-width: 2.9rem; padding: 0.6rem 1.4rem; font: inherit; font-weight: 600; line-height: 1.3; cursor: pointer;
  color: #ffffff; background: var(--pledge-accent); border: 2px solid var(--pledge-accent); border-radius: 6px;
}
.pledge-staff button:hover { background: #153c77; }
.pledge-staff button.pledge-secondary { color: var(--pledge-accent); background: #ffffff; }
.pledge-staff button.pledge-secondary:hover { background: var(--pledge-surface); }
.pledge-staff form.pledge-inline { display: inline; }
.pledge-staff .pledge-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 0 0 1rem; }
.pledge-staff .pledge-alert { border-left: 6px solid var(--pledge-error); background: #fdeceb; border-radius: 6px; padding: 0.85rem 1rem 0.1rem; margin: 0 0 1.25rem; }
.pledge-staff .pledge-alert h2 { font-size: 1.1rem; margin: 0 0 0.4rem; }
.pledge-staff .pledge-alert a { color: var(--pledge-error); font-weight: 600; }
.pledge-staff .pledge-success { border-left: 6px solid var(--pledge-ok); background: #e8f5ec; border-radius: 6px; padding: 0.85rem 1rem 0.1rem; margin: 0 0 1.25rem; }
.pledge-staff code, .pledge-staff .pledge-secret { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--pledge-surface); border: 1px solid var(--pledge-border); border-radius: 4px; padding: 0.05rem 0.3rem; }
.pledge-staff .pledge-secret { display: block; padding: 0.6rem 0.75rem; margin: 0 0 1rem; font-size: 1.05rem; word-break: break-all; overflow-wrap: anywhere; user-select: all; }
.pledge-staff ul.pledge-codes { list-style: none; padding: 0; columns: 2 10rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.05rem; }
.pledge-staff ul.pledge-links { list-style: none; padding: 0; }
.pledge-staff ul.pledge-links li { margin: 0; }
.pledge-staff ul.pledge-links a { display: inline-block; padding: 0.6rem 0; }
.pledge-staff dl { grid-template-columns: minmax(7rem, 10rem) 1fr; }
.pledge-staff .pledge-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.pledge-staff .pledge-status-on { color: var(--pledge-ok); font-weight: 600; }
.pledge-staff .pledge-status-off { color: var(--pledge-error); font-weight: 600; }
@media (max-width: 40rem) {
  .pledge-notice.pledge-staff { padding: 1rem 0.75rem 2.5rem; }
  .pledge-staff .pledge-card { padding: 1rem 0.9rem 0.25rem; }
  .pledge-staff button { width: 100%; }
  .pledge-staff form.pledge-inline button { width: auto; }
}
`;

/**
 * A complete staff page: the public pages' look (the notice style sheet and its variables), no JavaScript, one inline
 * style sheet (the CSP allows inline styles, not scripts). `title` is text (escaped here); `body` is HTML the caller
 * escaped. A title starting with "Error: " tells screen reader users at once that the form came back with problems.
 */
export function staffShell(opts: { title: string; heading?: string; body: string; hasErrors?: boolean }): string {
  const title = `${opts.hasErrors ? 'Error: ' : ''}${opts.title} – Pledge`;
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${NOTICE_CSS}${STAFF_CSS}</style>`,
    '</head>',
    '<body>',
    '<main class="pledge-notice pledge-staff">',
    `<header><p class="pledge-org">Pledge · staff</p><h1>${escapeHtml(opts.heading ?? opts.title)}</h1></header>`,
    opts.body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
