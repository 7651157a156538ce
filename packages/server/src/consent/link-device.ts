import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import './consent-tables.js';

/**
 * Links an anonymous banner device id to a known subject (e.g. when the visitor signs in), so the subject's state and
 * history include the device's receipts. Idempotent; a device already linked to another subject is refused (a device
 * is one browser: moving it silently would hand one person's choices to another). Audited.
 */
export async function linkDevice(trx: Transaction<Database>, deps: Pick<ServiceDeps, 'clock'>, input: { deviceId: string; subjectId: string; actor: Actor }): Promise<{ linked: boolean }> {
  const existing = await trx.selectFrom('consent_device_links').select('subject_id').where('device_id', '=', input.deviceId).executeTakeFirst();
  if (existing) {
    if (existing.subject_id === input.subjectId) return { linked: false };
    throw new PledgeError('conflict', 'This device id is already linked to another subject. A device id belongs to one browser; if that is wrong, ask for it to be corrected rather than moved.', { deviceId: input.deviceId });
  }
  const inserted = await trx
    .insertInto('consent_device_links')
    .values({ device_id: input.deviceId, subject_id: input.subjectId, linked_at: deps.clock.now(), actor_type: input.actor.type, actor_id: input.actor.id ?? null })
    .onConflict((oc) => oc.column('device_id').doNothing())
    .returning('device_id')
    .executeTakeFirst();
  if (!inserted) return linkDevice(trx, deps, input);
  await appendAudit(trx, deps.clock, { actor: input.actor, action: 'consent.device_linked', subject: { type: 'consent_subject', id: input.subjectId }, details: { deviceId: input.deviceId } });
  return { linked: true };
}
