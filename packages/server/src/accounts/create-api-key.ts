import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append-audit.js';
import { PERMISSIONS, type Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { AccountsDeps } from './accounts-deps.js';
import { toApiKeyInfo, type ApiKeyInfo } from './api-key.js';
import { principalPermissions } from './principal-permissions.js';
import { randomToken } from './random-token.js';
import { actorFor, type RequestContext } from './request-context.js';
import { sha256Hex } from './sha256-hex.js';

/**
 * Creates an API key for a system: "pk_" and 256 random bits, returned once and stored as its SHA-256. A key gets
 * only scopes its creator holds (least privilege: nobody can mint a key more powerful than themselves).
 */
export async function createApiKey(deps: AccountsDeps, principal: Principal, input: { name: string; scopes: string[] }, ctx: RequestContext): Promise<{ apiKey: ApiKeyInfo; key: string }> {
  const name = input.name.trim();
  if (!name) throw new PledgeError('invalid_input', 'Name the key after the system that will use it, e.g. "website consent banner".', { field: 'name' });
  const unknown = input.scopes.filter((s) => !(PERMISSIONS as readonly string[]).includes(s));
  if (unknown.length) throw new PledgeError('invalid_input', `Unknown scope(s): ${unknown.join(', ')}. Scopes are: ${PERMISSIONS.join(', ')}.`, { field: 'scopes', unknown });
  const mine = principalPermissions(principal);
  const beyond = input.scopes.filter((s) => !mine.includes(s as Permission));
  if (beyond.length) throw new PledgeError('forbidden', `You cannot give a key scope(s) you do not have yourself: ${beyond.join(', ')}.`, { field: 'scopes', beyond });
  const scopes = [...new Set(input.scopes)] as Permission[];
  const key = `pk_${randomToken(32)}`;
  const createdBy = principal.kind === 'user' ? principal.userId : principal.kind === 'api_key' ? `api_key:${principal.keyId}` : null;
  return deps.store.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_keys')
      .values({ id: randomUUID(), name, prefix: key.slice(0, 10), key_hash: sha256Hex(key), scopes: JSON.stringify(scopes), created_by: createdBy, created_at: deps.clock.now(), last_used_at: null, revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const apiKey = toApiKeyInfo(row);
    await appendAudit(trx, deps.clock, {
      actor: principal.kind === 'api_key' ? actorFor('api_key', principal.keyId, ctx) : actorFor('user', createdBy, ctx),
      action: 'api_key.created',
      subject: { type: 'api_key', id: apiKey.id },
      after: { name, prefix: apiKey.prefix, scopes },
    });
    return { apiKey, key };
  });
}
