import type { AccountsDeps } from './accounts-deps.js';
import { toApiKeyInfo, type ApiKeyInfo } from './api-key.js';

/** Every API key, newest first, revoked ones included (marked), so the history stays visible. */
export async function listApiKeys(deps: Pick<AccountsDeps, 'store'>): Promise<ApiKeyInfo[]> {
  const rows = await deps.store.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toApiKeyInfo);
}
