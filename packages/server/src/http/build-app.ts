import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ANONYMOUS } from '../auth/principal.js';
import { ERROR_STATUS } from '../errors/error-status.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { authorize, type AuthenticateFn } from './authorize.js';
import { recordRoute } from './list-routes.js';
import { registerMetrics } from './metrics.js';
import { registerRoutes } from './register-routes.js';
import './route-access.js';

export interface AppOptions {
  /** Resolves the caller from a session cookie or API key; anonymous when absent. */
  authenticate?: AuthenticateFn;
  /** Log requests (off in most tests). */
  logRequests?: boolean;
}

const VERSION = '0.1.0';

/**
 * Builds the HTTP application: plugins, authorisation of every route, one error format, OpenAPI, routes.
 * Does not listen; `startService` does.
 */
export async function buildApp(deps: ServiceDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    // Fastify's own request logs include the URL, which may carry personal data; we log the route instead (below).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustProxy,
    ajv: { customOptions: { coerceTypes: false } },
    // A URL Fastify cannot decode (e.g. a stray "%") never reaches the error handler: answer it in the one error format here.
    frameworkErrors: (error, request, reply) => {
      void (reply as FastifyReply).status(400).send({
        error: { code: 'invalid_input', message: `The URL is not valid (${error.message}). Percent-encode special characters such as "%".`, details: { fastifyCode: error.code }, requestId: request.id },
      });
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // A plain slot (a getter without a setter would make the assignment below throw): set for every request in onRequest.
  app.decorateRequest('principal', null as never);

  // Fail closed: a route that does not say who may call it is a bug, caught when the app starts.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
      recordRoute(app, route.method, route.url, 'public');
      return;
    }
    if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} declares no access (config.access). Add 'public' or a permission.`);
    recordRoute(app, route.method, route.url, route.config.access);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    hsts: deps.config.publicUrl.startsWith('https://'),
  });
  await app.register(cookie, { secret: deps.config.sessionSecret });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Pledge API', version: VERSION, description: 'Privacy operations: declarations, notices, audit trail, jobs and mail. Errors are JSON: { error: { code, message, details, requestId } }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pledge_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: "Bearer pk_..."' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (request) => {
    request.principal = options.authenticate ? await options.authenticate(request) : ANONYMOUS;
    // Authorise before the body is read or validated: callers without access get 401/403 (never a 400 that hints at
    // the schema) and cannot make the server parse large bodies. Only the not-found handler has no access setting.
    const access = request.routeOptions.config?.access;
    if (access !== undefined) authorize(request.principal ?? ANONYMOUS, access, { requireMfa: deps.config.requireMfa });
  });
  if (options.logRequests) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    });
  }

  app.setErrorHandler((error, request, reply) => {
    const requestId = request.id;
    if (error instanceof PledgeError) {
      return reply.status(ERROR_STATUS[error.code]).send({ error: { code: error.code, message: error.message, details: error.details ?? null, requestId } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({ path: v.instancePath || v.params?.issue?.path?.join('.') || '', message: v.message }));
      return reply.status(400).send({
        error: {
          code: 'invalid_input',
          message: `The request ${error.validationContext ?? 'body'} is not valid: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}.`,
          details: { issues },
          requestId,
        },
      });
    }
    const e = error as { statusCode?: number; code?: string; message: string };
    if (e.statusCode === 429) return reply.status(429).send({ error: { code: 'rate_limited', message: 'Too many requests: wait a moment and try again.', details: null, requestId } });
    if (e.statusCode === 413) return reply.status(413).send({ error: { code: 'payload_too_large', message: `The request body is larger than ${deps.config.bodyLimit} bytes.`, details: null, requestId } });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ error: { code: 'invalid_input', message: `${e.message.replace(/^Body /, 'The body ')}. Check the request format.`, details: { fastifyCode: e.code ?? null }, requestId } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side. Quote the request id if you report it.', details: null, requestId } });
  });
  app.setNotFoundHandler({}, (request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `Nothing at ${request.method} ${request.url.split('?')[0]}. See /docs for the API.`, details: null, requestId: request.id } });
  });

  registerMetrics(app);
  await registerRoutes(app, deps);
  return app;
}
