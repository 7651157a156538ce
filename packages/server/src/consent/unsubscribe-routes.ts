import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '@pledge/core';
import type { ServiceDeps } from '../service-deps.js';
import { consentPage, sendConsentPage } from './consent-page.js';
import { currentTargets } from './current-targets.js';
import { unsubscribe } from './unsubscribe.js';
import { openUnsubscribeToken } from './unsubscribe-token.js';

/** Generous per address: mail providers POST one-click unsubscribes from shared infrastructure. */
const UNSUBSCRIBE_RATE_LIMIT = { max: 600, timeWindow: '1 minute' };

/** Reads RFC 8058's body: "List-Unsubscribe=One-Click", sent as a form (urlencoded or multipart). */
function isOneClick(body: unknown): boolean {
  if (typeof body === 'string') return /List-Unsubscribe=One-Click/.test(body) || /name="List-Unsubscribe"\s+One-Click/.test(body);
  return Boolean(body && typeof body === 'object' && (body as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click');
}

/**
 * One-click unsubscribe (RFC 8058). POST /consent/unsubscribe/:token with the body "List-Unsubscribe=One-Click" is what
 * mail clients send: no authentication (the sealed token is the authority), no CSRF token (the client cannot have one),
 * no redirect, and a repeat changes nothing. GET shows a page with one button that sends the same POST, so a link
 * scanner following the URL unsubscribes no one.
 */
export async function unsubscribeRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await app.register(async (scope) => {
    // Form bodies are read as plain strings here only (urlencoded or multipart, as RFC 8058 allows).
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
      if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
      scope.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    }
    const organisation = async () => (await currentTargets(deps.store.db))?.declaration.organisation.legal_name;
    const schema = { hide: true } as const;

    scope.get<{ Params: { token: string } }>('/consent/unsubscribe/:token', { config: { access: 'public', rateLimit: UNSUBSCRIBE_RATE_LIMIT }, schema }, async (req, reply) => {
      const opened = openUnsubscribeToken(deps, req.params.token);
      const org = await organisation();
      if (!opened) return sendConsentPage(reply, 404, consentPage({ organisation: org, title: 'This unsubscribe link does not work', bodyHtml: '<p class="pledge-problem">The link is incomplete or was changed. Copy the whole link from the email, or reply to the email asking to unsubscribe.</p>' }));
      const target = opened.purpose ? (await currentTargets(deps.store.db))?.byKey.get(opened.purpose) : undefined;
      const what = target ? `emails about ${escapeHtml(target.name)}` : 'marketing emails';
      return sendConsentPage(
        reply,
        200,
        consentPage({
          organisation: org,
          title: 'Unsubscribe',
          bodyHtml: `<p>Stop ${what} to the address this message was sent to.</p>
<form method="post" action="/consent/unsubscribe/${escapeHtml(req.params.token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><div class="pledge-actions"><button type="submit">Unsubscribe</button></div></form>
<p class="pledge-hint">Service messages about an account or an order you have with us continue.</p>`,
        }),
      );
    });

    scope.post<{ Params: { token: string } }>('/consent/unsubscribe/:token', { config: { access: 'public', rateLimit: UNSUBSCRIBE_RATE_LIMIT }, schema }, async (req, reply) => {
      const org = await organisation();
      if (!isOneClick(req.body)) {
        return sendConsentPage(reply, 400, consentPage({ organisation: org, title: 'Unsubscribe', bodyHtml: '<p class="pledge-problem">The request did not say "List-Unsubscribe=One-Click". Open the link in a browser and press Unsubscribe.</p>' }));
      }
      const outcome = await unsubscribe(deps, req.params.token, { type: 'public', id: null, requestId: req.id });
      if (!outcome.done) return sendConsentPage(reply, 404, consentPage({ organisation: org, title: 'This unsubscribe link does not work', bodyHtml: '<p class="pledge-problem">The link is incomplete or was changed. Reply to the email asking to unsubscribe instead.</p>' }));
      const what = outcome.purposeName ? `emails about ${escapeHtml(outcome.purposeName)}` : 'marketing emails';
      return sendConsentPage(reply, 200, consentPage({ organisation: org, title: 'You are unsubscribed', bodyHtml: `<p class="pledge-status" role="status">We will not send you ${what} again.</p>` }));
    });
  });
}
