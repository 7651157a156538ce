import { appendAudit } from '../audit/append-audit.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { toApiKeyInfo, type ApiKeyInfo } from './api-key.js';
import { actorFor, type RequestContext } from './request-context.js';

/** Revokes an API key at once: the next request with it is refused. Revoking twice is harmless. */
export async function revokeApiKey(deps: AccountsDeps, principal: Principal, id: string, ctx: RequestContext): Promise<ApiKeyInfo> {
  return deps.store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_keys').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new PledgeError('not_found', `There is no API key with id ${id}: list them with GET /api/api-keys.`);
    if (row.revoked_at) return toApiKeyInfo(row);
    const updated = await trx.updateTable('api_keys').set({ revoked_at: deps.clock.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, deps.clock, {
      actor: principal.kind === 'api_key' ? actorFor('api_key', principal.keyId, ctx) : actorFor('user', principal.kind === 'user' ? principal.userId : null, ctx),
      action: 'api_key.revoked',
      subject: { type: 'api_key', id },
      before: { revoked: false },
      after: { revoked: true },
    });
    return toApiKeyInfo(updated);
  });
}
