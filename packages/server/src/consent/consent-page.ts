import { escapeHtml } from '@pledge/core';
import type { FastifyReply } from 'fastify';
import { pageShell } from '../declarations/pages/page-shell.js';

/** Styles of the public consent pages: large targets, visible focus, switches that are real radio buttons. */
const CSS = `
.pledge-consent { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.pledge-consent fieldset { border: 1px solid var(--pledge-border); border-radius: 8px; margin: 0 0 1rem; padding: 0.75rem 1rem 1rem; }
.pledge-consent legend { font-weight: 700; padding: 0 0.25rem; }
.pledge-consent label { display: inline-flex; align-items: center; gap: 0.5rem; min-height: 2.75rem; margin-right: 1.5rem; font-size: 1.05rem; }
.pledge-consent input[type="radio"], .pledge-consent input[type="checkbox"] { width: 1.4rem; height: 1.4rem; }
.pledge-consent input[type="email"] { display: block; width: 100%; min-height: 2.9rem; padding: 0.5rem 0.75rem; font: inherit; border: 2px solid #616e7c; border-radius: 6px; }
.pledge-consent button { min-height: 2.9rem; padding: 0.6rem 1.4rem; font: inherit; font-weight: 600; color: #fff; background: var(--pledge-accent); border: 2px solid var(--pledge-accent); border-radius: 6px; cursor: pointer; }
.pledge-consent button.pledge-secondary { color: var(--pledge-accent); background: #fff; }
.pledge-consent :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.pledge-consent .pledge-hint { color: var(--pledge-muted); margin: 0.25rem 0 0.5rem; }
.pledge-consent .pledge-status { border-left: 6px solid #1e6b34; background: #e8f5ec; padding: 0.75rem 1rem; margin: 0 0 1.25rem; }
.pledge-consent .pledge-problem { border-left: 6px solid #b42318; background: #fdeceb; padding: 0.75rem 1rem; margin: 0 0 1.25rem; }
.pledge-consent .pledge-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;

/** A public consent page: no JavaScript, one inline style sheet. `title` is text; `bodyHtml` is escaped by the caller. */
export function consentPage(opts: { title: string; bodyHtml: string; organisation?: string | undefined }): string {
  return pageShell({
    title: `${opts.title}${opts.organisation ? ` – ${opts.organisation}` : ''}`,
    body: `<style>${CSS}</style><main class="pledge-notice pledge-consent"><p class="pledge-org">${escapeHtml(opts.organisation ?? '')}</p><h1>${escapeHtml(opts.title)}</h1>\n${opts.bodyHtml}\n</main>`,
  });
}

export function sendConsentPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(html);
}
