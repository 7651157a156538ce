import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { COOKIE_KEY_PREFIX } from '@pledge/core';
import { z } from 'zod';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { recordReceipts } from './record-receipts.js';
import { PublicReceiptBody } from './receipt-schemas.js';

/**
 * The banner's endpoint: POST /consent/receipts, public. What a visitor sends can only concern the device id in it
 * (random, 128 bits, known only to that browser), never a subject or an address, so nobody can change another
 * person's state from here. Idempotency keys are scoped to the device. Rate-limited per client address.
 *
 * The banner posts with navigator.sendBeacon; some browsers send that body as text/plain (a CORS-safelisted type, so
 * no preflight), so JSON is accepted under text/plain on this route only. Cross-origin: the organisation's site
 * origins (PLEDGE_CONSENT_ORIGINS) get CORS headers; a request from any other origin is refused.
 */
export async function publicReceiptRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const own = new URL(deps.config.publicUrl).origin;
  const allowed = new Set([own, ...deps.config.consentOrigins]);
  const rateLimit = { max: deps.config.consentRateLimit, timeWindow: '1 minute' };

  /** Adds CORS headers for an allowed origin; refuses a request from any other. */
  const cors = (req: FastifyRequest, reply: FastifyReply): void => {
    const origin = req.headers.origin;
    if (origin === undefined || origin === own) return;
    if (!allowed.has(origin)) {
      throw new PledgeError('forbidden', `Receipts are accepted only from the organisation's own sites; ${origin.slice(0, 200)} is not one. Add it to PLEDGE_CONSENT_ORIGINS.`, { origin });
    }
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true')
      .header('vary', 'Origin');
  };

  await app.register(async (scope) => {
    // sendBeacon bodies may arrive as text/plain: read them as JSON here (only here).
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
        const [result] = await recordReceipts(
          deps,
          [{ person: { deviceId: b.deviceId }, choices, method: b.method, declarationVersion: b.declarationVersion, page: b.page, idempotencyKey: b.idempotencyKey, userAgent: ua, ip: req.ip }],
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
