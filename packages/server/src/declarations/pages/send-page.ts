import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Bump when the markup of the public pages changes, so caches holding pages of an unchanged declaration revalidate
 * into the new markup (the ETag would otherwise stay the same).
 */
const PAGE_MARKUP_VERSION = '1';

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

export interface Page {
  status?: number;
  type: keyof typeof CONTENT_TYPES;
  body: string;
  /**
   * What the page is rendered from (content hash, version, page kind, audience...). The ETag is derived from it;
   * omit for pages that must not be cached (not found).
   */
  etagKey?: string;
  /** true: a published version's page, which never changes; false: the current notice, which may. */
  immutable?: boolean;
  /** Request headers the page depends on (e.g. `Sec-GPC`), sent as `Vary` so shared caches keep one copy per value. */
  vary?: string;
}

/** Whether If-None-Match names this ETag (a list, weak forms, or *). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Sends a public page with caching headers: an ETag from what it is rendered from, and 304 Not Modified when the
 * client already holds it. The current notice is revalidated on every use (it changes when a version is published);
 * a past version is cached for a day.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: Page): FastifyReply {
  reply.header('content-type', CONTENT_TYPES[page.type]);
  if (page.vary) reply.header('vary', page.vary);
  if (page.etagKey === undefined || (page.status ?? 200) !== 200) {
    reply.header('cache-control', 'no-store');
    return reply.status(page.status ?? 200).send(page.body);
  }
  const etag = `"${createHash('sha256').update(`${PAGE_MARKUP_VERSION}|${page.etagKey}`).digest('base64url').slice(0, 32)}"`;
  reply.header('etag', etag);
  reply.header('cache-control', page.immutable ? 'public, max-age=86400' : 'public, no-cache');
  if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.status(200).send(page.body);
}
