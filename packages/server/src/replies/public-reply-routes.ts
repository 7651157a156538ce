import formbody from '@fastify/formbody';
import { escapeHtml } from '@pledge/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import { pageShell } from '../declarations/pages/page-shell.js';
import { currentVersion } from '../declarations/read-declaration-versions.js';
import type { ServiceDeps } from '../service-deps.js';
import { downloadReply, lookupReplyLink, type LinkState } from './reply-links.js';
import { contentDisposition } from './content-disposition.js';

/**
 * Per client address. Enough for a person to open the page and download a few times; far too few to try tokens
 * (2^256 of them) or to pull a large file in a loop. Behind a proxy set PLEDGE_TRUST_PROXY.
 */
export const REPLY_PAGE_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };
export const REPLY_DOWNLOAD_RATE_LIMIT = { max: 10, timeWindow: '1 minute' };

const TokenParam = z.object({ token: z.string().max(200) });

const when = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const STATE_TEXT: Record<Exclude<LinkState['state'], 'ready'>, { status: number; title: string; message: string }> = {
  unknown: { status: 404, title: 'This link does not work', message: 'We could not find a reply at this address. Check that you copied the whole link from the email; it is a long address and email programs sometimes break it over two lines.' },
  expired: { status: 410, title: 'This link has expired', message: 'For your security, download links work for a limited time, and then the files are deleted.' },
  used_up: { status: 410, title: 'This link has been used up', message: 'For your security, a download link can be used only a few times.' },
  revoked: { status: 410, title: 'This link has been stopped', message: 'We stopped this link, for example because it was sent to the wrong address.' },
  deleted: { status: 410, title: 'These files have been deleted', message: 'The files this link pointed to have been deleted.' },
};

async function organisation(deps: ServiceDeps): Promise<string> {
  return (await currentVersion(deps.store.db))?.declaration.organisation.legal_name ?? 'Privacy';
}

function page(org: string, title: string, inner: string): string {
  const body = `<div class="pledge-notice">
<header><p class="pledge-org">${escapeHtml(org)}</p><h1>${escapeHtml(title)}</h1></header>
<main>
${inner}
</main>
</div>`;
  return pageShell({ title: `${title} \u2013 ${org}`, body });
}

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  // The token is in the address: no caching anywhere, no referrer to other sites, no search engine.
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow').send(html);
}

function problemPage(org: string, state: Exclude<LinkState['state'], 'ready'>): { status: number; html: string } {
  const t = STATE_TEXT[state];
  const next =
    state === 'unknown'
      ? '<p>If the link still does not work, reply to the email that brought it and we will help.</p>'
      : '<p><strong>What to do now:</strong> reply to the email that brought you this link, and we will send you a new one. You do not need to make a new request.</p>';
  return { status: t.status, html: page(org, t.title, `<div class="pledge-banner" role="alert"><p>${escapeHtml(t.message)}</p></div>\n${next}`) };
}

/**
 * The public side of a reply: a page at /reply/:token that says what the file is, until when the link works and how
 * many downloads are left, with a download button (a form POST, so link scanners in mail systems that open every
 * link do not use up downloads), and pages that explain an expired or used-up link. No JavaScript; rate-limited.
 * Pages for people, not API: hidden from the OpenAPI document (schema.hide), as the privacy centre and staff pages are.
 */
export async function publicReplyRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody, { bodyLimit: 1024 });
    scope.setErrorHandler(async (error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      const org = await organisation(deps).catch(() => 'Privacy');
      if (status === 429) return send(reply, 429, page(org, 'Please wait a minute', '<p>There have been too many attempts from your network in a short time. Wait a minute, then reload this page.</p>'));
      if (status && status >= 400 && status < 500) return send(reply, status, page(org, 'That did not work', '<p>Go back to the email and open the link again.</p>'));
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, 500, page(org, 'Something went wrong', `<p>Something went wrong on our side. Try again in a few minutes; if it keeps happening, reply to the email and quote ${escapeHtml(request.id)}.</p>`));
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/reply/:token',
      { config: { access: 'public', rateLimit: REPLY_PAGE_RATE_LIMIT }, schema: { hide: true, params: TokenParam } },
      async (req, reply) => {
        const org = await organisation(deps);
        const found = await lookupReplyLink(deps.store.db, deps, req.params.token);
        if (found.state !== 'ready') {
          const p = problemPage(org, found.state);
          return send(reply, p.status, p.html);
        }
        const left = found.link.maxDownloads - found.link.downloads;
        const inner = [
          `<p>Your reply is ready: <strong>${escapeHtml(found.file.name)}</strong> (ZIP file, ${escapeHtml(size(found.file.sizeBytes))}).</p>`,
          '<p>It holds a report (<code>report.html</code>, which opens in any web browser, and <code>report.txt</code>) and your data as JSON and CSV files (CSV opens in any spreadsheet).</p>',
          `<form method="post" action="/reply/${escapeHtml(req.params.token)}/download"><button type="submit" style="font-size:1.1rem;padding:.6rem 1.2rem">Download your reply</button></form>`,
          '<h2>How long this link works</h2>',
          `<p>For your security this link works until <strong><time datetime="${escapeHtml(found.link.expiresAt)}">${escapeHtml(when(found.link.expiresAt))}</time></strong> (UK time), and it can be used <strong>${left} more ${left === 1 ? 'time' : 'times'}</strong>. After that the files are deleted from our systems, so save them somewhere safe.</p>`,
          '<p>If the link stops working before you have your files, reply to the email that brought it and we will send a new one.</p>',
          '<p>Do not share this link: anyone who has it can download your data.</p>',
        ].join('\n');
        return send(reply, 200, page(org, 'Download your reply', inner));
      },
    );
    r.post(
      '/reply/:token/download',
      { config: { access: 'public', rateLimit: REPLY_DOWNLOAD_RATE_LIMIT }, schema: { hide: true, params: TokenParam } },
      async (req, reply) => {
        const out = await downloadReply(deps, req.params.token, actorFromRequest(req));
        if (out.state !== 'ok') {
          const p = problemPage(await organisation(deps), out.state);
          return send(reply, p.status, p.html);
        }
        return reply
          .status(200)
          .header('content-type', out.file.contentType)
          .header('content-disposition', contentDisposition(out.file.name))
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .header('x-content-type-options', 'nosniff')
          .send(out.bytes);
      },
    );
  });
}
