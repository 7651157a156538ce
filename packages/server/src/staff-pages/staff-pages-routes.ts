import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { ERROR_STATUS } from '../errors/error-status.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { messagePage } from './message-page.js';
import { sendHtml } from './page-request.js';
import { setupPageRoutes } from './setup-page-routes.js';
import { signInPageRoutes } from './signin-page-routes.js';
import { staffAccountRoutes } from './staff-account-routes.js';

/**
 * The staff pages until the admin web app exists: first-run setup (/setup), sign-in (/signin, /signin/mfa), the
 * account page (/staff), two-step verification (/staff/mfa) and sign-out (/signout). Server-rendered HTML that works
 * without JavaScript. They are not part of the API document (schema.hide).
 *
 * Everything here lives in its own encapsulated scope, so that:
 * - HTML forms (application/x-www-form-urlencoded) are parsed for these routes only. The JSON API keeps accepting
 *   JSON alone: a cross-site HTML form cannot send JSON, so the public POST /api/auth/login cannot be hit by a
 *   forged form (login CSRF) just because a form parser was added;
 * - errors on these routes (rate limits, unreadable forms, anything unexpected) come back as a page, not JSON.
 *
 * Access: every route is declared 'public', because the authorisation hook answers a missing session with a 401 JSON
 * error and these pages must send the browser to /signin instead. The pages under /staff check the session
 * themselves (page-request.ts staffSession: a signed-in person, past the code step, whose role has 'account:self'),
 * and every POST checks the CSRF token itself (page-request.ts csrfValid), since the session guards skip public routes.
 */
export async function staffPagesRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody);
    scope.setErrorHandler((error, request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const back = path === '/signout' ? '/staff' : path;
      if (error instanceof PledgeError) {
        return sendHtml(reply, ERROR_STATUS[error.code], messagePage({ title: 'That did not work', message: error.message, link: { href: back, text: 'Go back' } }));
      }
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 429) {
        return sendHtml(reply, 429, messagePage({ title: 'Too many attempts', message: 'There have been too many attempts from your network in a short time. Wait a minute, then try again.', link: { href: back, text: 'Try again' } }));
      }
      if (status && status >= 400 && status < 500) {
        return sendHtml(reply, status, messagePage({ title: 'The form could not be read', message: 'The form could not be read (it may be too large, or not sent by a browser). Go back, reload the page and send it again.', link: { href: back, text: 'Go back' } }));
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendHtml(reply, 500, messagePage({ title: 'Something went wrong', message: `Something went wrong on our side. Try again; if it keeps happening, tell your administrator and quote the request id ${request.id}.`, link: { href: back, text: 'Try again' } }));
    });
    await setupPageRoutes(scope, deps);
    await signInPageRoutes(scope, deps);
    await staffAccountRoutes(scope, deps);
  });
}
