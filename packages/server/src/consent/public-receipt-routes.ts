import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { COOKIE_KEY_PREFIX } from '@pledge/core';
import { z } from 'zod';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { recordReceipts } from './record-receipts.js';
import { PublicReceiptBody } from './receipt-schemas.js';


/** The banner's cookie lives 183 days: a choice time it reports is kept within that, and never after its arrival. */
const CHOICE_TIME_WINDOW_MS = 183 * 24 * 3600 * 1000;

/**
 * When the visitor chose, by the browser's clock: a receipt the endpoint could not take is resent on a later page, and
 * the ledger should date the choice, not the resend (Art 7(1): show when consent was given). A browser's clock can be
 * wrong, so the time is clamped to [arrival - 183 days, arrival]; the arrival time is recorded beside it anyway.
 */
export function browserChoiceTime(givenAt: string, now: Date): string {
  const t = Math.min(Math.max(Date.parse(givenAt), now.getTime() - CHOICE_TIME_WINDOW_MS), now.getTime());
  return new Date(t).toISOString();
}

/**
 * The banner's endpoint: POST /consent/receipts, public. What a visitor sends can only concern the device id in it
 * (random, 128 bits, known only to that browser), never a subject or an address, so nobody can change another
 * person's state from here. Idempotency keys are scoped to the device. Rate-limited per client address.
 *
 * Only cookie categories: every key of `choices` is read as a category (prefixed "cookie:" here, so it can never name
 * a purpose, whose ids have no colon), and the ledger refuses categories the published declaration does not ask about.
 * So a device linked to a known subject (/api/consent/links: the device is that person's browser; its id sits in a
 * cookie the site's own scripts can read) can change that subject's cookie categories from here, and nothing else: no
 * purpose, no email marketing choice, no suppression entry. A receipt may name only some categories (a GPC or Do Not
 * Track receipt names the refused ones): the others keep their state.
 *
 * The banner posts with fetch (keepalive, no credentials) as application/json, so a cross-origin post is preflighted
 * (OPTIONS below). Cross-origin: the organisation's site origins (PLEDGE_CONSENT_ORIGINS) get CORS headers, on errors
 * too (a 429 the site can read); a request from any other origin is refused. JSON sent as text/plain (sendBeacon, an
 * older banner) is still read, on this route only: such a post is not preflighted, but the origin check still refuses
 * it before anything is recorded.
 */
export async function publicReceiptRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const own = new URL(deps.config.publicUrl).origin;
  const allowed = new Set([own, ...deps.config.consentOrigins]);
  const rateLimit = { max: deps.config.consentRateLimit, timeWindow: '1 minute' };

  /** CORS headers for an allowed origin; false for any other. */
  const allowOrigin = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined || origin === own) return true;
    if (!allowed.has(origin)) return false;
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true')
      .header('vary', 'Origin');
    return true;
  };

  /** Adds CORS headers for an allowed origin; refuses a request from any other. */
  const cors = (req: FastifyRequest, reply: FastifyReply): void => {
    if (!allowOrigin(req, reply)) {
      const origin = req.headers.origin!;
      throw new PledgeError('forbidden', `Receipts are accepted only from the organisation's own sites; ${origin.slice(0, 200)} is not one. Add it to PLEDGE_CONSENT_ORIGINS.`, { origin });
    }
  };

  await app.register(async (scope) => {
    // An error (a 429 over the rate limit, a 400, a 422 naming an unknown category) reaches an allowed site readable;
    // then the service's one error handler answers it.
    scope.setErrorHandler((error, req, reply) => {
      allowOrigin(req, reply);
      throw error;
    });
    // JSON sent as text/plain (sendBeacon) is read as JSON here (only here).
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new PledgeError('invalid_input', 'The receipt is not valid JSON.'), undefined);
      }
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.options(
      '/consent/receipts',
      { config: { access: 'public', rateLimit }, schema: { tags: ['consent'], summary: 'CORS preflight for the banner', hide: true } },
      async (req, reply) => {
        cors(req, reply);
        return reply.header('access-control-allow-methods', 'POST').header('access-control-allow-headers', 'content-type').header('access-control-max-age', '86400').status(204).send();
      },
    );
    r.post(
      '/consent/receipts',
      {
        config: { access: 'public', rateLimit },
        preValidation: async (req) => {
          const b = req.body as Record<string, unknown> | null;
          if (b && typeof b === 'object' && ('person' in b || 'subjectId' in b || 'email' in b)) {
            throw new PledgeError('invalid_input', 'This public endpoint records only an anonymous device\'s cookie choices (deviceId). Receipts about a known person (subjectId, email) go to POST /api/consent/receipts with an API key.', { field: 'person' });
          }
        },
        schema: {
          tags: ['consent'],
          summary: "The banner's receipt of a device's cookie choices (public, anonymous device ids only, rate-limited)",
          body: PublicReceiptBody,
          response: { 202: z.object({ receiptId: z.string().nullable(), status: z.enum(['recorded', 'duplicate', 'conflict']) }) },
        },
      },
      async (req, reply) => {
        cors(req, reply);
        const b = req.body;
        const choices = Object.fromEntries(Object.entries(b.choices).map(([k, v]) => [`${COOKIE_KEY_PREFIX}${k}`, v]));
        const ua = req.headers['user-agent'];
        const givenAt = b.givenAt === undefined ? undefined : browserChoiceTime(b.givenAt, deps.clock.now());
        const [result] = await recordReceipts(
          deps,
          [{ person: { deviceId: b.deviceId }, choices, method: b.method, declarationVersion: b.declarationVersion, page: b.page, idempotencyKey: b.idempotencyKey, userAgent: ua, ip: req.ip, givenAt }],
          // The full client address is not kept anywhere with the receipt: only its truncation (above).
          { actor: { type: 'public', id: null, requestId: req.id }, keyScope: `device:${b.deviceId}` },
        ).catch((e: unknown) => {
          // The banner names categories without the "cookie:" prefix: say it in its terms.
          if (e instanceof PledgeError && e.code === 'unprocessable' && Array.isArray((e.details as { unknown?: string[] })?.unknown)) {
            const unknown = (e.details as { unknown: string[] }).unknown.map((k) => k.slice(COOKIE_KEY_PREFIX.length));
            const offered = ((e.details as { offered: string[] }).offered ?? []).filter((k) => k.startsWith(COOKIE_KEY_PREFIX)).map((k) => k.slice(COOKIE_KEY_PREFIX.length));
            throw new PledgeError('unprocessable', `Unknown cookie categor${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.map((k) => `"${k.slice(0, 100)}"`).join(', ')}. The published declaration asks about: ${offered.join(', ') || 'none'}.`, { unknown, offered });
          }
          throw e;
        });
        if (result!.status === 'conflict') throw new PledgeError('conflict', 'This idempotency key was already used for a different receipt from this device: make a new key for a new choice.');
        return reply.status(202).send({ receiptId: result!.receiptId, status: result!.status });
      },
    );
  });
}
