import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { bannerScript, type BannerScript } from './banner-script.js';
import { gpcSupport } from './gpc-support.js';

/**
 * Per client address. The script is loaded by every page view of the sites that embed it, but browsers cache it
 * (five minutes, then a cheap 304 revalidation), and it is made once per version; a generous limit keeps many
 * visitors behind one office NAT working while one address still cannot flood the server.
 */
export const BANNER_RATE_LIMIT = { max: 1200, timeWindow: '1 minute' };
/** The GPC resource is read by browsers' extensions and crawlers, rarely; over the limit, the service's JSON 429. */
export const GPC_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };

/** Browsers keep the script five minutes, then revalidate (ETag): a newly published cookie table reaches sites within that. */
export const BANNER_CACHE_CONTROL = 'public, max-age=300, must-revalidate';
/** The documented embed (packages/banner/README.md): render-blocking but not parser-blocking, and a guard that ends the wait after a second. */
export const EMBED_LINE =
  '<script src="https://pledge.example/consent/banner.js" async blocking="render"></script>' +
  "<script>(function(s){setTimeout(function(){s.removeAttribute('blocking')},1000)})(document.currentScript.previousElementSibling)</script>";

/** Headers that let any site load a public asset: CORS for fetch/crossorigin, CORP because helmet defaults it to same-origin. */
function crossOrigin(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

const encodings = ['br', 'gzip', 'identity'] as const;

/** Per service, the sites already warned about (at most 100, so a flood of forged Referers cannot grow it). */
const warned = new WeakMap<object, Set<string>>();

/**
 * The site embedding the banner, from the Referer browsers send with the script request (its origin, under the default
 * referrer policy). When it is not one of PLEDGE_CONSENT_ORIGINS the ledger will refuse its receipts: say so, once, in
 * the log, where the operator looks when receipts are missing.
 */
function warnUnlistedSite(request: FastifyRequest, deps: ServiceDeps): void {
  const referer = request.headers.referer;
  if (!referer) return;
  let origin: string;
  try {
    origin = new URL(referer).origin;
  } catch {
    return;
  }
  if (origin === 'null' || origin === new URL(deps.config.publicUrl).origin || deps.config.consentOrigins.includes(origin)) return;
  let seen = warned.get(deps);
  if (!seen) warned.set(deps, (seen = new Set()));
  if (seen.has(origin) || seen.size >= 100) return;
  seen.add(origin);
  deps.logger.warn(
    { origin },
    `The cookie banner was loaded by a page of ${origin}, which is not in PLEDGE_CONSENT_ORIGINS: the consent ledger will refuse its receipts. Add it if it is one of your sites.`,
  );
}

function sendScript(request: FastifyRequest, reply: FastifyReply, s: BannerScript): FastifyReply {
  crossOrigin(reply);
  reply.header('content-type', 'text/javascript; charset=utf-8');
  reply.header('vary', 'Accept-Encoding');
  if (s.status !== 200 || !s.etag) {
    reply.header('cache-control', 'no-store');
    return reply.status(s.status).send(s.body);
  }
  // Weak: the same validator stands for the br, gzip and identity forms of the one script.
  reply.header('etag', `W/${s.etag}`);
  reply.header('cache-control', BANNER_CACHE_CONTROL);
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === s.etag || t.trim() === '*')) return reply.status(304).send();
  const accept = request.headers['accept-encoding'];
  const enc = typeof accept === 'string' ? negotiate(accept, [...encodings]) : 'identity';
  if (enc === 'br' && s.br) return reply.header('content-encoding', 'br').send(s.br);
  if (enc === 'gzip' && s.gzip) return reply.header('content-encoding', 'gzip').send(s.gzip);
  return reply.send(s.body);
}

/**
 * The cookie banner as sites load it and the GPC support resource. The receipts it posts, and their CORS (for the
 * origins in PLEDGE_CONSENT_ORIGINS), are the consent ledger's (consent/public-receipt-routes.ts).
 */
export async function consentBannerRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await app.register(async (scope) => {
    // Errors here stay loadable from other sites (CORS, CORP); a rate-limited script is a JavaScript comment like the
    // route's other non-200 answers (a browser runs no script from a 429, but a developer reads it in the network
    // panel); anything else goes to the service's one error handler (JSON).
    scope.setErrorHandler((error, request, reply) => {
      crossOrigin(reply);
      if ((error as { statusCode?: number }).statusCode === 429 && request.routeOptions.url === '/consent/banner.js') {
        return reply
          .status(429)
          .header('content-type', 'text/javascript; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(`/* Pledge cookie banner: too many requests for the banner from this network address (more than ${BANNER_RATE_LIMIT.max} a minute); wait a minute and reload. Request ${request.id}. */\n`);
      }
      throw error;
    });
    await routes(scope, deps);
  });
}

async function routes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/consent/banner.js',
    {
      config: { access: 'public', rateLimit: BANNER_RATE_LIMIT },
      schema: {
        tags: ['consent'],
        summary: 'The cookie banner, configured from the published declaration (one script: JS and CSS)',
        description: [
          `Embed it on every page with these two lines, before </head>: \`${EMBED_LINE}\` (replace the host by this Pledge's public address).`,
          '`async`: it never blocks the page. Mark scripts that set cookies needing consent as `<script type="text/plain" data-category="statistics">` (or `marketing`, `functionality`) and iframes as `<iframe data-category="marketing" data-src="...">`; a `data-pledge-consent-open` element reopens the choices.',
          'Receipts go to this Pledge\'s POST /consent/receipts, accepted only from the sites listed in PLEDGE_CONSENT_ORIGINS: list every site that embeds the line.',
          'Language: `?lang=cy` for Welsh (or `data-lang="cy"` on the script tag; otherwise the page\'s `<html lang>`). Cached five minutes, then revalidated with its ETag; gzip or br.',
          'When the published cookie table lists only strictly necessary cookies (no consent needed, PECR reg 6(4)), the answer is a tiny script that shows nothing, explains why in a comment, and answers `window.pledgeConsent` (get() null, allowed() true only for strictly_necessary, open() does nothing).',
          'When no declaration is published, or it lists no cookies at all, the answer is a 404 whose body is a JavaScript comment saying why. Over the rate limit (per client address), a 429 whose body is a comment too.',
        ].join('\n\n'),
        querystring: z.object({ lang: z.enum(['en', 'cy']).optional().describe('Language of the banner: en or cy (Welsh). Default: the page\'s language.') }),
      },
    },
    async (req, reply) => {
      const script = await bannerScript(deps, req.query.lang);
      if (script.status === 200) warnUnlistedSite(req, deps);
      return sendScript(req, reply, script);
    },
  );

  r.get(
    '/.well-known/gpc.json',
    {
      config: { access: 'public', rateLimit: GPC_RATE_LIMIT },
      schema: {
        tags: ['consent'],
        summary: 'Global Privacy Control support (GPC specification): whether the published declaration honours it, and since when',
        response: { 200: z.object({ gpc: z.boolean(), lastUpdate: z.string() }) },
      },
    },
    async (_req, reply) => {
      const support = await gpcSupport(deps);
      crossOrigin(reply);
      if (!support) {
        reply.header('cache-control', 'no-store');
        throw new PledgeError('not_found', 'No declaration is published yet, so Global Privacy Control support is not declared. Publish one.');
      }
      reply.header('cache-control', 'public, max-age=3600');
      return support;
    },
  );
}
