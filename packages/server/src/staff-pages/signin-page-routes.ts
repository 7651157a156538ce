import type { FastifyInstance } from 'fastify';
import { completeMfaSignIn } from '../accounts/complete-mfa-sign-in.js';
import { contextOf } from '../accounts/context-of.js';
import { setSessionCookie } from '../accounts/session-cookie.js';
import { signIn } from '../accounts/sign-in.js';
import { ERROR_STATUS } from '../errors/error-status.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { FormErrors } from './form-html.js';
import { csrfToken, csrfValid, formOf, queryParam, safeNext, seeOther, sendHtml, signInUrl, staffSession } from './page-request.js';
import { FORM_EXPIRED, GUARDED, PAGE_SCHEMA } from './page-settings.js';
import { signInCodePage, signInPage } from './signin-page.js';

const codeStepUrl = (next: string): string => `/signin/mfa?next=${encodeURIComponent(next)}`;

/**
 * Signing in with a browser: GET/POST /signin (email and password, the same signIn and session cookie as
 * POST /api/auth/login), then GET/POST /signin/mfa when the account has two-step verification.
 *
 * Login CSRF: before signing in there is no session to bind a token to, so the sign-in (and setup) forms carry a
 * token bound to a signed pre-session cookie (pre-session-csrf.ts explains why not the plugin's own tokens). The code
 * step and everything after it use the plugin's session-bound tokens.
 */
export async function signInPageRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  app.get('/signin', { config: { access: 'public' }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const next = safeNext(queryParam(req, 'next'));
    const s = await staffSession(deps, req);
    if (s.state === 'signed_in') return seeOther(reply, next);
    if (s.state === 'code_pending') return seeOther(reply, codeStepUrl(next));
    return sendHtml(reply, 200, signInPage({ csrf: csrfToken(req, reply, deps.config), next, done: queryParam(req, 'done') }));
  });

  app.post('/signin', { config: { access: 'public', rateLimit: GUARDED }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const form = formOf(req.body);
    const next = safeNext(form('next'));
    if (!(await csrfValid(app, req, reply, deps.config))) return sendHtml(reply, 400, signInPage({ csrf: csrfToken(req, reply, deps.config), next, errors: { form: FORM_EXPIRED } }));
    const email = form('email').trim();
    const password = form('password');
    const errors: FormErrors = {};
    if (!email) errors.email = 'Enter your email address.';
    else if (email.length > 254) errors.email = 'This email address is too long: use at most 254 characters.';
    if (!password) errors.password = 'Enter your password.';
    else if (password.length > 1024) errors.password = 'This password is longer than any Pledge accepts.';
    if (Object.keys(errors).length) return sendHtml(reply, 400, signInPage({ csrf: csrfToken(req, reply, deps.config), next, email, errors }));
    try {
      const result = await signIn(deps, { email, password }, contextOf(req));
      setSessionCookie(reply, deps.config, result.token);
      return seeOther(reply, result.mfaRequired ? codeStepUrl(next) : next);
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      // Wrong email or password, locked, or disabled: the message says which (without telling whether the email exists).
      return sendHtml(reply, ERROR_STATUS[e.code], signInPage({ csrf: csrfToken(req, reply, deps.config), next, email, errors: { form: e.message } }));
    }
  });

  app.get('/signin/mfa', { config: { access: 'public' }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const next = safeNext(queryParam(req, 'next'));
    const s = await staffSession(deps, req);
    if (s.state === 'none') return seeOther(reply, signInUrl(next));
    if (s.state === 'signed_in') return seeOther(reply, next);
    return sendHtml(reply, 200, signInCodePage({ csrf: csrfToken(req, reply, deps.config), next }));
  });

  app.post('/signin/mfa', { config: { access: 'public', rateLimit: GUARDED }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const form = formOf(req.body);
    const next = safeNext(form('next'));
    const s = await staffSession(deps, req);
    if (s.state === 'none') return seeOther(reply, signInUrl(next));
    if (s.state === 'signed_in') return seeOther(reply, next);
    const page = (status: number, errors: FormErrors) => sendHtml(reply, status, signInCodePage({ csrf: csrfToken(req, reply, deps.config), next, errors }));
    if (!(await csrfValid(app, req, reply, deps.config))) return page(400, { form: FORM_EXPIRED });
    const code = form('code').trim();
    if (!code) return page(400, { code: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.' });
    if (code.length > 64) return page(400, { code: 'This is not a code Pledge gave: enter the 6-digit code from your app, or a recovery code (XXXX-XXXX-XXXX-XXXX).' });
    try {
      const result = await completeMfaSignIn(deps, s.principal, code, contextOf(req));
      setSessionCookie(reply, deps.config, result.token);
      return seeOther(reply, next);
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      return page(ERROR_STATUS[e.code], { code: e.message });
    }
  });
}
