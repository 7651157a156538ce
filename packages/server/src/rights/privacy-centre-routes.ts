import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { isRequestType, type Declaration, type RequestType } from '@pledge/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE_RATE_LIMIT } from '../declarations/privacy-routes.js';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import { ERROR_STATUS } from '../errors/error-status.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { FormErrors } from '../staff-pages/form-html.js';
import { csrfToken, csrfValid, formOf, queryParam, seeOther, sendHtml } from '../staff-pages/page-request.js';
import { FORM_EXPIRED, PAGE_SCHEMA } from '../staff-pages/page-settings.js';
import { createRequest, resendCode } from './create-request.js';
import { IDENTITY_ALLOWED_LIST, submitIdentityProof, tooLarge } from './identity-documents.js';
import { choosePage, confirmLinkPage, problemPage, receivedPage, requestFormPage, statusPage, verifyPage, type FormValues } from './privacy-centre-pages.js';
import { complaintRights, requestRef } from './message-person.js';
import { organisationName, versionInForce } from './rights-context.js';
import { personAnswers, requestByStatusToken } from './status-link.js';
import { confirmByLink, findLinkVerification, verifyCode } from './verify-request.js';

/** Sending forms: per client address, against code guessing and floods (the per-address email limit is in the database). */
export const CENTRE_POST_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

const page = { config: { access: 'public' as const, rateLimit: PUBLIC_PAGE_RATE_LIMIT }, schema: PAGE_SCHEMA };
const post = { config: { access: 'public' as const, rateLimit: CENTRE_POST_LIMIT }, schema: PAGE_SCHEMA };

/**
 * The public privacy centre: make a request without legal words, confirm it with an emailed code or link, follow it
 * by a private link. Server-rendered, no JavaScript, forms with CSRF tokens (the signed pre-session cookie, as the
 * sign-in page), rate-limited; in its own scope so forms are parsed here only and errors come back as pages.
 */
export async function privacyCentreRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody);
    const context = async (): Promise<{ org: string; declaration: Declaration | undefined }> => {
      const current = await versionInForce(deps.store.db);
      return { org: organisationName(deps, current?.declaration), declaration: current?.declaration };
    };
    scope.setErrorHandler(async (error, request, reply) => {
      const { org } = await context().catch(() => ({ org: 'Privacy centre' }));
      const back = { href: '/privacy/requests', text: 'Back to the privacy centre' };
      if (error instanceof PledgeError) return sendHtml(reply, ERROR_STATUS[error.code], problemPage({ org, title: 'That did not work', message: error.message, link: back }));
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 429) return sendHtml(reply, 429, problemPage({ org, title: 'Too many attempts', message: 'There have been too many attempts from your network in a short time. Wait a minute, then try again.', link: back }));
      if (status && status >= 400 && status < 500) return sendHtml(reply, status, problemPage({ org, title: 'The form could not be read', message: 'The form could not be read (it may be too large). Go back, shorten your message and send it again.', link: back }));
      request.log.error({ err: error }, 'unhandled error');
      return sendHtml(reply, 500, problemPage({ org, title: 'Something went wrong', message: `Something went wrong on our side. Try again later; quote ${request.id} if you contact us.`, link: back }));
    });

    scope.get('/privacy/requests', page, async (_req, reply) => sendHtml(reply, 200, choosePage((await context()).org)));

    const typeOf = (req: FastifyRequest): RequestType => {
      const t = (req.params as { type?: string }).type;
      if (!isRequestType(t)) throw new PledgeError('not_found', 'There is no such kind of request. Choose one from the privacy centre.');
      return t;
    };

    scope.get('/privacy/requests/new/:type', page, async (req, reply) => {
      const type = typeOf(req);
      const { org, declaration } = await context();
      return sendHtml(reply, 200, requestFormPage({ type, org, declaration, csrf: csrfToken(req, reply, deps.config) }));
    });

    scope.post('/privacy/requests/new/:type', post, async (req, reply) => {
      const type = typeOf(req);
      const { org, declaration } = await context();
      const form = formOf(req.body);
      const values: FormValues = {
        email: form('email'),
        name: form('name'),
        details: form('details'),
        directMarketing: form('directMarketing'),
        about: form('about'),
        customerName: form('customerName'),
        onBehalf: form('onBehalf'),
        onBehalfName: form('onBehalfName'),
        relationship: form('relationship'),
      };
      const again = (status: number, errors: FormErrors) => sendHtml(reply, status, requestFormPage({ type, org, declaration, values, errors, csrf: csrfToken(req, reply, deps.config) }));
      if (!(await csrfValid(app, req, reply, deps.config))) return again(400, { form: FORM_EXPIRED });
      if (type === 'objection' && values.directMarketing !== 'yes' && values.directMarketing !== 'no') return again(400, { directMarketing: 'Choose what you object to.' });
      try {
        const { verificationId } = await createRequest(
          deps,
          {
            type,
            email: values.email ?? '',
            ...(values.name ? { name: values.name } : {}),
            ...(values.details ? { details: values.details } : {}),
            ...(type === 'objection' ? { directMarketing: values.directMarketing === 'yes' } : {}),
            ...(values.about ? { processorActivity: values.about } : {}),
            ...(values.about && values.customerName ? { customerName: values.customerName } : {}),
            ...(values.onBehalf === 'yes' ? { onBehalfOf: { name: values.onBehalfName ?? '', relationship: values.relationship ?? '' } } : {}),
          },
          actorFromRequest(req),
        );
        return seeOther(reply, `/privacy/requests/verify/${verificationId}`);
      } catch (e) {
        if (!(e instanceof PledgeError)) throw e;
        const field = (e.details as { field?: string } | undefined)?.field;
        return again(ERROR_STATUS[e.code], { [field && field in values ? field : 'form']: e.message });
      }
    });

    const vid = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? '').slice(0, 64);

    scope.get('/privacy/requests/verify/:id', page, async (req, reply) => {
      const { org } = await context();
      const notice = queryParam(req, 'resent') ? 'We sent you a new code. Only the newest code works.' : undefined;
      return sendHtml(reply, 200, verifyPage({ org, verificationId: vid(req), csrf: csrfToken(req, reply, deps.config), ...(notice ? { notice } : {}) }));
    });

    const received = async (reply: FastifyReply, requestId: string) => {
      const { org } = await context();
      const row = await deps.store.db.selectFrom('rights_requests').select(['number', 'due_date', 'due_applied']).where('id', '=', requestId).executeTakeFirstOrThrow();
      return sendHtml(reply, 200, receivedPage({ org, ref: requestRef(row), dueDate: row.due_date, promise: row.due_applied === 'promise' }));
    };

    scope.post('/privacy/requests/verify/:id', post, async (req, reply) => {
      const { org } = await context();
      const again = (status: number, errors: FormErrors) => sendHtml(reply, status, verifyPage({ org, verificationId: vid(req), errors, csrf: csrfToken(req, reply, deps.config) }));
      if (!(await csrfValid(app, req, reply, deps.config))) return again(400, { form: FORM_EXPIRED });
      const code = formOf(req.body)('code');
      if (!code.trim()) return again(400, { code: 'Enter the 6-digit code from the email.' });
      try {
        const { requestId } = await verifyCode(deps, vid(req), code.slice(0, 64), actorFromRequest(req));
        return received(reply, requestId);
      } catch (e) {
        if (!(e instanceof PledgeError)) throw e;
        return again(ERROR_STATUS[e.code], e.code === 'invalid_input' ? { code: e.message } : { form: e.message });
      }
    });

    scope.post('/privacy/requests/verify/:id/resend', post, async (req, reply) => {
      const { org } = await context();
      if (!(await csrfValid(app, req, reply, deps.config))) return sendHtml(reply, 400, verifyPage({ org, verificationId: vid(req), errors: { form: FORM_EXPIRED }, csrf: csrfToken(req, reply, deps.config) }));
      try {
        const { verificationId } = await resendCode(deps, vid(req), actorFromRequest(req));
        return seeOther(reply, `/privacy/requests/verify/${verificationId}?resent=1`);
      } catch (e) {
        if (!(e instanceof PledgeError)) throw e;
        return sendHtml(reply, ERROR_STATUS[e.code], verifyPage({ org, verificationId: vid(req), errors: { form: e.message }, csrf: csrfToken(req, reply, deps.config) }));
      }
    });

    const token = (req: FastifyRequest) => String((req.params as { token?: string }).token ?? '').slice(0, 100);

    scope.get('/privacy/requests/confirm/:token', page, async (req, reply) => {
      const { org } = await context();
      await findLinkVerification(deps, token(req));
      return sendHtml(reply, 200, confirmLinkPage({ org, token: token(req), csrf: csrfToken(req, reply, deps.config) }));
    });

    scope.post('/privacy/requests/confirm/:token', post, async (req, reply) => {
      const { org } = await context();
      if (!(await csrfValid(app, req, reply, deps.config))) return sendHtml(reply, 400, confirmLinkPage({ org, token: token(req), csrf: csrfToken(req, reply, deps.config) }));
      const { requestId } = await confirmByLink(deps, token(req), actorFromRequest(req));
      return received(reply, requestId);
    });

    const showStatus = async (req: FastifyRequest, reply: FastifyReply, status: number, extra: { sent?: boolean; errors?: FormErrors } = {}) => {
      const { org, declaration } = await context();
      const r = await requestByStatusToken(deps, token(req));
      const held = await deps.store.db.selectFrom('rights_identity_documents').select((eb) => eb.fn.countAll<string>().as('n')).where('request_id', '=', r.id).executeTakeFirstOrThrow();
      const identity = { documentsSent: Number(held.n), maxBytes: deps.config.identityFileMaxBytes, allowed: IDENTITY_ALLOWED_LIST };
      return sendHtml(reply, status, statusPage({ org, token: token(req), csrf: csrfToken(req, reply, deps.config), ...r, identity, complaint: complaintRights(declaration), ...extra }));
    };

    scope.get('/privacy/requests/status/:token', page, async (req, reply) => showStatus(req, reply, 200, { sent: queryParam(req, 'sent') === '1' }));

    scope.post('/privacy/requests/status/:token/answer', post, async (req, reply) => {
      if (!(await csrfValid(app, req, reply, deps.config))) return showStatus(req, reply, 400, { errors: { form: FORM_EXPIRED } });
      try {
        await personAnswers(deps, token(req), formOf(req.body)('answer'), actorFromRequest(req));
        return seeOther(reply, `/privacy/requests/status/${token(req)}?sent=1`);
      } catch (e) {
        if (!(e instanceof PledgeError) || e.code === 'not_found') throw e;
        return showStatus(req, reply, ERROR_STATUS[e.code], { errors: e.code === 'invalid_input' ? { answer: e.message } : { form: e.message } });
      }
    });

    // Proof of identity (Art 12(6)): a multipart form (a file and a message) that works without JavaScript. Multipart
    // is parsed in this scope only; the file is held in memory up to PLEDGE_IDENTITY_FILE_MAX_BYTES, then refused.
    const maxBytes = deps.config.identityFileMaxBytes;
    await scope.register(async (up) => {
      await up.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 100_000, parts: 6 } });
      up.post('/privacy/requests/status/:token/identity', post, async (req, reply) => {
        const fields: Record<string, string> = {};
        let file: { bytes: Buffer; name: string; declaredType: string } | undefined;
        let oversize = false;
        if (req.isMultipart()) {
          try {
            for await (const part of req.parts()) {
              if (part.type === 'file') {
                const bytes = await part.toBuffer();
                if (part.fieldname === 'document' && !file && bytes.length) file = { bytes, name: part.filename || 'document', declaredType: part.mimetype };
              } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
            }
          } catch (e) {
            const code = (e as { code?: string }).code;
            if (code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
            oversize = true;
          }
        } else Object.assign(fields, { _csrf: formOf(req.body)('_csrf'), answer: formOf(req.body)('answer') });
        // csrfValid reads the token from the body, as for the other forms.
        (req as { body: unknown }).body = fields;
        if (!(await csrfValid(app, req, reply, deps.config))) return showStatus(req, reply, 400, { errors: { form: FORM_EXPIRED } });
        if (oversize) return showStatus(req, reply, 413, { errors: { document: tooLarge(maxBytes).message } });
        try {
          await submitIdentityProof(deps, token(req), { file, answer: fields.answer }, actorFromRequest(req));
          return seeOther(reply, `/privacy/requests/status/${token(req)}?sent=1`);
        } catch (e) {
          if (!(e instanceof PledgeError) || e.code === 'not_found') throw e;
          const field = (e.details as { field?: string } | undefined)?.field;
          const onDocument = field === 'document' || e.code === 'unprocessable' || e.code === 'payload_too_large' || (e.code === 'invalid_input' && field !== 'answer');
          return showStatus(req, reply, ERROR_STATUS[e.code], { errors: e.code === 'conflict' && field !== 'document' ? { form: e.message } : onDocument ? { document: e.message } : { answer: e.message } });
        }
      });
    });
  });
}
