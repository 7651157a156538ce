/**
 * The notice's embedded style sheet, scoped to .pledge-notice and themed with CSS variables
 * (--pledge-font, --pledge-text, --pledge-muted, --pledge-accent, --pledge-bg, --pledge-surface, --pledge-border,
 * --pledge-max-width). A host page overrides them on .pledge-notice or :root.
 */
export const NOTICE_CSS = `
.pledge-notice {
  --pledge-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --pledge-text: #1f2933;
  --pledge-muted: #52606d;
  --pledge-accent: #1c4f9c;
  --pledge-bg: #ffffff;
  --pledge-surface: #f5f7fa;
  --pledge-border: #d9e2ec;
  --pledge-callout: #fff8e6;
  --pledge-callout-border: #c98a00;
  --pledge-max-width: 46rem;
  font-family: var(--pledge-font);
  color: var(--pledge-text);
  background: var(--pledge-bg);
  line-height: 1.6;
  font-size: 1rem;
  max-width: var(--pledge-max-width);
  margin: 0 auto;
  padding: 2.5rem 1.25rem 4rem;
  overflow-wrap: break-word;
}
.pledge-notice *, .pledge-notice *::before, .pledge-notice *::after { box-sizing: border-box; }
.pledge-notice header { border-bottom: 3px solid var(--pledge-accent); padding-bottom: 1.25rem; margin-bottom: 1.5rem; }
.pledge-notice .pledge-org { margin: 0 0 0.25rem; color: var(--pledge-muted); font-size: 0.95rem; font-weight: 600; letter-spacing: 0.02em; text-transform: uppercase; }
.pledge-notice h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 0.5rem; }
.pledge-notice h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.75rem 0 0.75rem; padding-top: 0.25rem; scroll-margin-top: 1rem; }
.pledge-notice h3 { font-size: 1.1rem; line-height: 1.35; margin: 1.75rem 0 0.5rem; }
.pledge-notice p { margin: 0 0 0.9rem; }
.pledge-notice .pledge-meta { color: var(--pledge-muted); font-size: 0.95rem; margin: 0 0 1rem; }
.pledge-notice a { color: var(--pledge-accent); text-decoration: underline; text-underline-offset: 0.15em; }
.pledge-notice a:hover { text-decoration-thickness: 2px; }
.pledge-notice a:focus-visible { outline: 3px solid var(--pledge-accent); outline-offset: 2px; border-radius: 2px; }
.pledge-notice nav { background: var(--pledge-surface); border: 1px solid var(--pledge-border); border-radius: 8px; padding: 1rem 1.25rem 1rem; margin: 0 0 1rem; }
.pledge-notice nav h2 { font-size: 1rem; margin: 0 0 0.5rem; padding: 0; }
.pledge-notice nav ol { margin: 0; padding-left: 1.5rem; columns: 2 16rem; column-gap: 2rem; }
.pledge-notice nav li { margin: 0 0 0.3rem; break-inside: avoid; }
.pledge-notice ul, .pledge-notice ol { margin: 0 0 1rem; padding-left: 1.5rem; }
.pledge-notice li { margin: 0 0 0.35rem; }
.pledge-notice dl { margin: 0 0 1.25rem; display: grid; grid-template-columns: minmax(9rem, 13rem) 1fr; gap: 0.6rem 1.25rem; }
.pledge-notice dt { font-weight: 600; }
.pledge-notice dd { margin: 0; }
.pledge-notice dd p { margin: 0 0 0.2rem; }
.pledge-notice dd p:last-child { margin-bottom: 0; }
.pledge-notice .pledge-table { overflow-x: auto; margin: 0 0 1.25rem; border: 1px solid var(--pledge-border); border-radius: 8px; }
.pledge-notice table { border-collapse: collapse; width: 100%; font-size: 0.93rem; }
.pledge-notice caption { text-align: left; font-weight: 600; padding: 0.6rem 0.75rem; background: var(--pledge-surface); border-bottom: 1px solid var(--pledge-border); }
.pledge-notice th, .pledge-notice td { text-align: left; vertical-align: top; padding: 0.55rem 0.75rem; border-bottom: 1px solid var(--pledge-border); }
.pledge-notice thead th { font-weight: 600; color: var(--pledge-muted); font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; }
.pledge-notice tbody tr:last-child > * { border-bottom: 0; }
.pledge-notice tbody th { font-weight: 600; }
.pledge-notice .pledge-callout { background: var(--pledge-callout); border-left: 5px solid var(--pledge-callout-border); border-radius: 6px; padding: 1rem 1.25rem 0.25rem; margin: 0 0 1rem; }
.pledge-notice footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--pledge-border); color: var(--pledge-muted); font-size: 0.9rem; }
@media (max-width: 40rem) {
  .pledge-notice { padding: 1.5rem 1rem 3rem; }
  .pledge-notice h1 { font-size: 1.7rem; }
  .pledge-notice h2 { font-size: 1.3rem; margin-top: 2.25rem; }
  .pledge-notice dl { grid-template-columns: 1fr; gap: 0.15rem; }
  .pledge-notice dd { margin: 0 0 0.6rem; }
  .pledge-notice nav ol { columns: 1; }
  .pledge-notice .pledge-table { overflow: visible; }
  .pledge-notice table, .pledge-notice tbody, .pledge-notice tr, .pledge-notice th, .pledge-notice td, .pledge-notice caption { display: block; width: 100%; }
  .pledge-notice thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .pledge-notice tbody tr { padding: 0.6rem 0.75rem; border-bottom: 1px solid var(--pledge-border); }
  .pledge-notice tbody tr:last-child { border-bottom: 0; }
  .pledge-notice tbody th, .pledge-notice td { border: 0; padding: 0.1rem 0; }
  .pledge-notice tbody th { font-size: 1rem; margin-bottom: 0.2rem; }
  .pledge-notice td:empty { display: none; }
  .pledge-notice td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--pledge-muted); }
}
@media print {
  .pledge-notice { max-width: none; padding: 0; font-size: 11pt; color: #000; background: #fff; }
  .pledge-notice nav { display: none; }
  .pledge-notice a { color: inherit; }
  .pledge-notice a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  .pledge-notice h2, .pledge-notice h3 { break-after: avoid; }
  .pledge-notice tr, .pledge-notice .pledge-callout, .pledge-notice dt { break-inside: avoid; }
  .pledge-notice .pledge-table { overflow: visible; border: 0; }
  .pledge-notice .pledge-callout { border: 1px solid #000; }
}
`;
