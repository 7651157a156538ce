import type { FastifyInstance } from 'fastify';
import { completeSetup } from '../accounts/complete-setup.js';
import { contextOf } from '../accounts/context-of.js';
import { ERROR_STATUS } from '../errors/error-status.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { FormErrors } from './form-html.js';
import { inspectSetupLink, type SetupLink } from './inspect-setup-link.js';
import { csrfToken, csrfValid, formOf, queryParam, seeOther, sendHtml } from './page-request.js';
import { invalidSetupLinkPage, setupFormPage } from './setup-page.js';
import { FORM_EXPIRED, GUARDED, PAGE_SCHEMA } from './page-settings.js';

const statusOf = (link: SetupLink): number => (link.state === 'used' || link.state === 'expired' ? 410 : link.state === 'owner_exists' ? 409 : link.state === 'missing' ? 400 : 404);

/** GET /setup?token=...: the form for a one-time setup link; POST /setup: uses it (completeSetup), then on to /signin. */
export async function setupPageRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  app.get('/setup', { config: { access: 'public' }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const token = queryParam(req, 'token');
    const link = await inspectSetupLink(deps, token);
    if (link.state !== 'valid') return sendHtml(reply, statusOf(link), invalidSetupLinkPage(link));
    return sendHtml(reply, 200, setupFormPage({ link, token, csrf: csrfToken(req, reply, deps.config) }));
  });

  app.post('/setup', { config: { access: 'public', rateLimit: GUARDED }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const form = formOf(req.body);
    const csrfOk = await csrfValid(app, req, reply, deps.config);
    const token = form('token');
    const link = await inspectSetupLink(deps, token);
    if (link.state !== 'valid') return sendHtml(reply, statusOf(link), invalidSetupLinkPage(link));
    // A form without a valid token is refused, and nothing typed into it is kept: it may have been forged elsewhere.
    if (!csrfOk) return sendHtml(reply, 400, setupFormPage({ link, token, csrf: csrfToken(req, reply, deps.config), errors: { form: FORM_EXPIRED } }));

    const owner = link.purpose === 'owner';
    const values = { email: form('email').trim(), name: form('name').trim() };
    const password = form('password');
    const errors: FormErrors = {};
    if (owner && !values.email) errors.email = 'Enter your email address, for example dpo@example.com.';
    if (owner && !values.name) errors.name = 'Enter your name.';
    if (owner && values.email.length > 254) errors.email = 'This email address is too long: use at most 254 characters.';
    if (owner && values.name.length > 200) errors.name = 'This name is too long: use at most 200 characters.';
    if (!password) errors.password = 'Enter a password.';
    const again = (status: number, e: FormErrors) => sendHtml(reply, status, setupFormPage({ link, token, csrf: csrfToken(req, reply, deps.config), values, errors: e }));
    if (Object.keys(errors).length) return again(400, errors);

    try {
      await completeSetup(deps, { token, password, ...(owner ? { email: values.email, name: values.name } : {}) }, contextOf(req));
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      const field = (e.details as { field?: unknown } | undefined)?.field;
      if (field === 'token' || (e.code === 'conflict' && field === undefined)) return sendHtml(reply, ERROR_STATUS[e.code], invalidSetupLinkPage(link, e.message));
      const key = typeof field === 'string' && ['email', 'name', 'password'].includes(field) && (owner || field === 'password') ? field : 'form';
      return again(ERROR_STATUS[e.code], { [key]: e.message });
    }
    return seeOther(reply, '/signin?done=setup');
  });
}
