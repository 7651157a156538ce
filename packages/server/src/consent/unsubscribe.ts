import type { Actor } from '../audit/audit-entry.js';
import type { ServiceDeps } from '../service-deps.js';
import { suppressEmail } from '../suppression/suppress-email.js';
import { currentTargets } from './current-targets.js';
import { recordReceipts } from './record-receipts.js';
import { openUnsubscribeToken, tokenKey } from './unsubscribe-token.js';

export type UnsubscribeOutcome = { done: true; purposeName: string | null } | { done: false };

/**
 * One-click unsubscribe (RFC 8058): withdraws the purpose the message was sent for with a receipt (method "unsubscribe",
 * which also puts the address on the suppression list for that purpose), or, when the token names no purpose the
 * declaration still offers, suppresses the address for all marketing. Idempotent: the token is the receipt's
 * idempotency key, and the suppression list ignores repeats.
 */
export async function unsubscribe(deps: Pick<ServiceDeps, 'store' | 'clock' | 'cipher'>, token: string, actor: Actor): Promise<UnsubscribeOutcome> {
  const opened = openUnsubscribeToken(deps, token);
  if (!opened) return { done: false };
  const t = await currentTargets(deps.store.db);
  const target = opened.purpose ? t?.byKey.get(opened.purpose) : undefined;
  if (target && target.directMarketing) {
    await recordReceipts(deps, [{ person: { email: opened.email }, choices: { [target.key]: 'refused' }, method: 'unsubscribe', idempotencyKey: tokenKey(token) }], { actor, keyScope: 'unsubscribe' });
    return { done: true, purposeName: target.name };
  }
  await deps.store.db.transaction().execute((trx) => suppressEmail(trx, deps, { email: opened.email, reason: 'unsubscribe', scope: opened.purpose ?? '*', source: 'unsubscribe_link', actor }));
  return { done: true, purposeName: null };
}
