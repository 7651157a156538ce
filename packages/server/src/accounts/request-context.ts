import type { Actor } from '../audit/audit-entry.js';

/** Where a request came from, for sessions and the audit trail. */
export interface RequestContext {
  ip: string | null;
  requestId: string | null;
  userAgent?: string | null;
}

/** The audit actor for a person or system acting from `ctx`. */
export function actorFor(type: Actor['type'], id: string | null, ctx: RequestContext | undefined): Actor {
  return { type, id, ip: ctx?.ip ?? null, requestId: ctx?.requestId ?? null };
}
