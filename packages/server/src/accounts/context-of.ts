import type { FastifyRequest } from 'fastify';
import type { RequestContext } from './request-context.js';

/** Where a request came from: client IP (as the proxy settings allow), request id and user agent. */
export function contextOf(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, requestId: request.id, userAgent: typeof ua === 'string' ? ua : null };
}
