import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit-entry.js';

/** Who made a request, as the audit trail records it: the user or API key, the client address and request id. */
export function actorFromRequest(request: FastifyRequest): Actor {
  const p = request.principal;
  const base = { ip: request.ip ?? null, requestId: request.id };
  if (p.kind === 'user') return { type: 'user', id: p.userId, ...base };
  if (p.kind === 'api_key') return { type: 'api_key', id: p.keyId, ...base };
  return { type: 'public', id: null, ...base };
}
