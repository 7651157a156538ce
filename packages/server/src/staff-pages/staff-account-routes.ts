import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { confirmMfaEnrolment } from '../accounts/confirm-mfa-enrolment.js';
import { contextOf } from '../accounts/context-of.js';
import { clearSessionCookie, setSessionCookie } from '../accounts/session-cookie.js';
import { signOut } from '../accounts/sign-out.js';
import { startMfaEnrolment } from '../accounts/start-mfa-enrolment.js';
import { roleHas } from '../auth/permissions.js';
import { ERROR_STATUS } from '../errors/error-status.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { hiddenHtml } from './form-html.js';
import { messagePage } from './message-page.js';
import { mfaConfirmPage, mfaDonePage, mfaStartPage } from './mfa-page.js';
import { csrfToken, csrfValid, formOf, queryParam, safeNext, seeOther, sendHtml, signInUrl, staffSession, type StaffSession } from './page-request.js';
import { FORM_EXPIRED, GUARDED, PAGE_SCHEMA } from './page-settings.js';
import { pendingEnrolment } from './pending-enrolment.js';
import { staffHomePage } from './staff-home-page.js';

type SignedIn = Extract<StaffSession, { state: 'signed_in' }>;

/**
 * What 'account:self' means for a page: a signed-in person (not an API key), past the code step, whose role has the
 * permission. Otherwise the browser is sent to sign in (and brought back to `page` afterwards); undefined then.
 */
async function requireStaff(deps: ServiceDeps, req: FastifyRequest, reply: FastifyReply, page: string): Promise<SignedIn | undefined> {
  const s = await staffSession(deps, req);
  if (s.state === 'none') {
    await seeOther(reply, signInUrl(page));
    return undefined;
  }
  if (s.state === 'code_pending') {
    await seeOther(reply, `/signin/mfa?next=${encodeURIComponent(safeNext(page))}`);
    return undefined;
  }
  if (!roleHas(s.principal.role, 'account:self')) throw new PledgeError('forbidden', `Your role (${s.principal.role}) does not allow this (needs account:self). Ask an owner.`);
  return s;
}

/** The account page (/staff), two-step verification (/staff/mfa) and sign-out (POST /signout). */
export async function staffAccountRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  app.get('/staff', { config: { access: 'public' }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const s = await requireStaff(deps, req, reply, req.url);
    if (!s) return reply;
    return sendHtml(reply, 200, staffHomePage({ me: s.me, csrf: csrfToken(req, reply, deps.config), requireMfa: deps.config.requireMfa, done: queryParam(req, 'done') }));
  });

  app.get('/staff/mfa', { config: { access: 'public' }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const s = await requireStaff(deps, req, reply, '/staff/mfa');
    if (!s) return reply;
    return sendHtml(reply, 200, mfaStartPage({ csrf: csrfToken(req, reply, deps.config), enabled: s.me.user.mfaEnabled }));
  });

  app.post('/staff/mfa', { config: { access: 'public', rateLimit: GUARDED }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const s = await requireStaff(deps, req, reply, '/staff/mfa');
    if (!s) return reply;
    const form = formOf(req.body);
    const start = (status: number, message?: string) => sendHtml(reply, status, mfaStartPage({ csrf: csrfToken(req, reply, deps.config), enabled: s.me.user.mfaEnabled, ...(message ? { errors: { form: message } } : {}) }));
    if (!(await csrfValid(app, req, reply, deps.config))) return start(400, FORM_EXPIRED);
    if (s.me.user.mfaEnabled) return start(200);
    const action = form('action');
    if (action === 'start') {
      const { secret, otpauthUri } = await startMfaEnrolment(deps, s.principal, contextOf(req));
      return sendHtml(reply, 200, mfaConfirmPage({ csrf: csrfToken(req, reply, deps.config), secret, otpauthUri }));
    }
    if (action !== 'confirm') return start(400, 'Use the button below to start.');
    const code = form('code').trim();
    const retry = async (status: number, message: string) => {
      const pending = await pendingEnrolment(deps, s.principal.userId);
      return pending ? sendHtml(reply, status, mfaConfirmPage({ csrf: csrfToken(req, reply, deps.config), ...pending, errors: { code: message } })) : start(status, message);
    };
    if (!code) return retry(400, 'Enter the 6-digit code your authenticator app shows for Pledge.');
    if (code.length > 32) return retry(400, 'Enter the 6-digit code your authenticator app shows for Pledge (6 digits).');
    try {
      const result = await confirmMfaEnrolment(deps, s.principal, code, contextOf(req));
      setSessionCookie(reply, deps.config, result.token);
      return sendHtml(reply, 200, mfaDonePage({ recoveryCodes: result.recoveryCodes }));
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      return retry(ERROR_STATUS[e.code], e.message);
    }
  });

  app.post('/signout', { config: { access: 'public' }, schema: PAGE_SCHEMA }, async (req, reply) => {
    const s = await staffSession(deps, req);
    if (s.state === 'none') return seeOther(reply, '/signin');
    if (!(await csrfValid(app, req, reply, deps.config))) {
      const form = ['<form method="post" action="/signout">', hiddenHtml('_csrf', csrfToken(req, reply, deps.config)), '<div class="pledge-actions"><button type="submit">Sign out</button></div>', '</form>'].join('\n');
      return sendHtml(reply, 400, messagePage({ title: 'Sign out', message: 'You are still signed in: that sign-out request had expired or did not come from this site. Press the button to sign out.', extraHtml: form }));
    }
    await signOut(deps, s.principal, contextOf(req));
    clearSessionCookie(reply);
    return seeOther(reply, '/signin?done=signout');
  });
}
