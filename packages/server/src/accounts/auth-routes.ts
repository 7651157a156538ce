import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS } from '../auth/permissions.js';
import type { ServiceDeps } from '../service-deps.js';
import { Code, Email, Ok, Password, UserSchema } from './accounts-schemas.js';
import { completeMfaSignIn } from './complete-mfa-sign-in.js';
import { completeSetup } from './complete-setup.js';
import { confirmMfaEnrolment } from './confirm-mfa-enrolment.js';
import { contextOf } from './context-of.js';
import { describeCaller } from './describe-caller.js';
import { disableMfa } from './disable-mfa.js';
import { sessionUser } from './session-user.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';
import { startMfaEnrolment } from './start-mfa-enrolment.js';

/** Against password and code guessing, per client IP (OWASP Authentication Cheat Sheet), on top of account lockout. */
const GUARDED = { max: 10, timeWindow: '1 minute' } as const;

/** Signing in and out, MFA, CSRF tokens, first-run setup, and "who am I". */
export async function authRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: GUARDED },
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie',
        description: 'When the account has MFA, the session is limited until POST /api/auth/mfa. Five wrong passwords in a row lock the account for 15 minutes.',
        body: z.object({ email: Email, password: Password }),
        response: { 200: z.object({ mfaRequired: z.boolean(), user: UserSchema }) },
      },
    },
    async (req, reply) => {
      const result = await signIn(deps, req.body, contextOf(req));
      setSessionCookie(reply, deps.config, result.token);
      return { mfaRequired: result.mfaRequired, user: result.user };
    },
  );

  r.post(
    '/api/auth/mfa',
    {
      config: { access: 'account:self', rateLimit: GUARDED },
      schema: { tags, summary: 'Complete sign-in with an authenticator code or a recovery code', body: z.object({ code: Code }), response: { 200: z.object({ method: z.enum(['totp', 'recovery_code']), recoveryCodesLeft: z.number() }) } },
    },
    async (req, reply) => {
      const result = await completeMfaSignIn(deps, req.principal, req.body.code, contextOf(req));
      setSessionCookie(reply, deps.config, result.token);
      return { method: result.method, recoveryCodesLeft: result.recoveryCodesLeft };
    },
  );

  r.post(
    '/api/auth/mfa/enrol',
    {
      config: { access: 'account:self', rateLimit: GUARDED },
      schema: { tags, summary: 'Start enrolling an authenticator app: returns the otpauth:// URI and secret', response: { 200: z.object({ otpauthUri: z.string(), secret: z.string() }) } },
    },
    async (req) => startMfaEnrolment(deps, req.principal, contextOf(req)),
  );

  r.post(
    '/api/auth/mfa/confirm',
    {
      config: { access: 'account:self', rateLimit: GUARDED },
      schema: { tags, summary: 'Turn MFA on with a code from the app; returns 10 one-time recovery codes (shown once)', body: z.object({ code: Code }), response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) } },
    },
    async (req, reply) => {
      const result = await confirmMfaEnrolment(deps, req.principal, req.body.code, contextOf(req));
      setSessionCookie(reply, deps.config, result.token);
      return { recoveryCodes: result.recoveryCodes };
    },
  );

  r.post(
    '/api/auth/mfa/disable',
    {
      config: { access: 'account:self', rateLimit: GUARDED },
      schema: { tags, summary: 'Turn MFA off (needs the password)', body: z.object({ password: Password }), response: { 200: Ok } },
    },
    async (req) => {
      await disableMfa(deps, req.principal, req.body.password, contextOf(req));
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'account:self' }, schema: { tags, summary: 'Sign out: ends the session', response: { 200: Ok } } },
    async (req, reply) => {
      await signOut(deps, req.principal, contextOf(req));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/csrf',
    {
      config: { access: 'account:self' },
      schema: { tags, summary: 'A CSRF token for this session: send it as X-CSRF-Token on POST, PATCH, PUT and DELETE', response: { 200: z.object({ token: z.string() }) } },
    },
    async (req, reply) => ({ token: reply.generateCsrf({ userInfo: sessionUser(req.principal).sessionId }) }),
  );

  r.post(
    '/api/auth/setup',
    {
      config: { access: 'public', rateLimit: GUARDED },
      schema: {
        tags,
        summary: 'Use a one-time setup link: create the first owner, or choose an invited user\'s password',
        body: z.object({ token: z.string().min(1).max(200), email: Email.optional(), name: z.string().min(1).max(200).optional(), password: Password }),
        response: { 200: z.object({ user: UserSchema }) },
      },
    },
    async (req) => ({ user: await completeSetup(deps, req.body, contextOf(req)) }),
  );

  r.get(
    '/api/me',
    {
      config: { access: 'account:self' },
      schema: {
        tags,
        summary: 'Who you are and what you may do',
        response: {
          200: z.object({
            kind: z.enum(['user', 'api_key']),
            user: UserSchema.optional(),
            mfaVerified: z.boolean().optional(),
            apiKey: z.object({ id: z.string(), name: z.string() }).optional(),
            permissions: z.array(z.enum(PERMISSIONS)),
          }),
        },
      },
    },
    async (req) => describeCaller(deps, req.principal),
  );
}
