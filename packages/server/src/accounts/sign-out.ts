import { appendAudit } from '../audit/append-audit.js';
import type { Principal } from '../auth/principal.js';
import type { AccountsDeps } from './accounts-deps.js';
import { actorFor, type RequestContext } from './request-context.js';

/** Ends the caller's session (the row is deleted, so the cookie is worthless even if kept). API keys have no session. */
export async function signOut(deps: AccountsDeps, principal: Principal, ctx: RequestContext): Promise<void> {
  if (principal.kind !== 'user') return;
  await deps.store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', principal.sessionId).execute();
    await appendAudit(trx, deps.clock, { actor: actorFor('user', principal.userId, ctx), action: 'auth.logout', subject: { type: 'user', id: principal.userId } });
  });
}
