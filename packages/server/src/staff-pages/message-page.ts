import { escapeHtml } from '@pledge/core';
import { staffShell } from './staff-shell.js';

/** A page that says one thing went wrong, and where to go next. */
export function messagePage(opts: { title: string; message: string; link?: { href: string; text: string }; extraHtml?: string }): string {
  const body = [
    `<div class="pledge-alert" role="alert"><p>${escapeHtml(opts.message)}</p></div>`,
    opts.extraHtml ?? '',
    opts.link ? `<p><a href="${escapeHtml(opts.link.href)}">${escapeHtml(opts.link.text)}</a></p>` : '',
  ].filter(Boolean).join('\n');
  return staffShell({ title: opts.title, body });
}
