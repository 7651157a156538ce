import type { AccountsDeps } from './accounts-deps.js';
import { toAccountUser, type AccountUser } from './account-user.js';

/** Every staff user, by email. */
export async function listUsers(deps: Pick<AccountsDeps, 'store'>): Promise<AccountUser[]> {
  const rows = await deps.store.db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(toAccountUser);
}
