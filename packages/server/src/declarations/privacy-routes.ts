import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../service-deps.js';
import { currentNoticePage, historyPage, versionNoticePage, type PageFormat } from './pages/public-pages.js';
import { sendPage } from './pages/send-page.js';
import { sendsGpc } from '../consent-banner/sends-gpc.js';

/**
 * Per client address. Generous for people reading the notice, low enough that one address cannot make the server
 * render notices all day; behind a proxy, set PLEDGE_TRUST_PROXY so the limit applies per real client.
 */
export const PUBLIC_PAGE_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };

const publicRoute = <S extends object>(summary: string, schema: S = {} as S) => ({
  config: { access: 'public' as const, rateLimit: PUBLIC_PAGE_RATE_LIMIT },
  schema: { tags: ['privacy notice'], summary, ...schema },
});

const FORMATS: Record<string, PageFormat> = { html: 'html', md: 'markdown', markdown: 'markdown', txt: 'text', text: 'text', json: 'json' };
const FormatQuery = z.object({ format: z.enum(['html', 'markdown', 'md', 'text', 'txt', 'json']).optional().describe('Format of the notice (default html).') });

/**
 * The public privacy pages: server-rendered, no JavaScript, cacheable with ETags. Everything is rendered from the
 * stored declaration of a published version, so each address gives the same notice for as long as it exists.
 */
export async function privacyRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/privacy', publicRoute('The current privacy notice (HTML)'), async (req, reply) => sendPage(req, reply, await currentNoticePage(deps, { format: 'html', gpc: sendsGpc(req) })));
  r.get('/privacy.md', publicRoute('The current privacy notice (Markdown)'), async (req, reply) => sendPage(req, reply, await currentNoticePage(deps, { format: 'markdown' })));
  r.get('/privacy.txt', publicRoute('The current privacy notice (plain text)'), async (req, reply) => sendPage(req, reply, await currentNoticePage(deps, { format: 'text' })));
  r.get('/privacy.json', publicRoute('The current declaration as JSON, with its version and publication date'), async (req, reply) =>
    sendPage(req, reply, await currentNoticePage(deps, { format: 'json' })),
  );
  r.get('/privacy/short', publicRoute('The layered short notice, linking to the full one'), async (req, reply) =>
    sendPage(req, reply, await currentNoticePage(deps, { format: 'html', variant: 'short', gpc: sendsGpc(req) })),
  );
  r.get(
    '/privacy/for/:audience',
    publicRoute('The notice for one group of people (a subject id)', { params: z.object({ audience: z.string().max(100) }), querystring: FormatQuery }),
    async (req, reply) => sendPage(req, reply, await currentNoticePage(deps, { format: FORMATS[req.query.format ?? 'html']!, audience: req.params.audience, gpc: sendsGpc(req) })),
  );
  r.get('/privacy/versions', publicRoute('Every published version, with dates and summaries'), async (req, reply) => sendPage(req, reply, await historyPage(deps, 'versions')));
  r.get('/privacy/changes', publicRoute('The public change log'), async (req, reply) => sendPage(req, reply, await historyPage(deps, 'changes')));
  r.get(
    '/privacy/versions/:version',
    publicRoute('One published version of the notice: /privacy/versions/3, 3.md, 3.txt, 3.json (or ?format=)', {
      params: z.object({ version: z.string().regex(/^[1-9]\d{0,8}(\.(html|md|txt|json))?$/, 'a version number, optionally with .md, .txt or .json') }),
      querystring: FormatQuery,
    }),
    async (req, reply) => {
      const [number, ext] = req.params.version.split('.');
      const format = FORMATS[ext ?? req.query.format ?? 'html']!;
      return sendPage(req, reply, await versionNoticePage(deps, Number(number), format));
    },
  );
}
