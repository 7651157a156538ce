import type { AccountsDeps } from './accounts-deps.js';
import { createSetupToken } from './create-setup-token.js';
import { setupUrl } from './setup-url.js';

/**
 * On first run (no user yet) makes a one-time setup link for the first owner, valid 24 hours.
 * Returns undefined when Pledge already has users.
 */
export async function firstRunSetup(deps: Pick<AccountsDeps, 'store' | 'clock' | 'config'>): Promise<{ url: string; expiresAt: Date } | undefined> {
  return deps.store.db.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (any) return undefined;
    const { token, expiresAt } = await createSetupToken(trx, deps.clock, { purpose: 'owner', createdBy: 'system' });
    return { url: setupUrl(deps.config.publicUrl, token), expiresAt };
  });
}
