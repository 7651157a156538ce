import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { applyAction, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { UUID } from './create-request.js';

/** Ticks off one system's task (done, or not applicable) with the evidence: what was searched, changed or deleted. */
export async function tickTask(deps: RightsDeps, id: string, actor: Actor, input: { taskId: string; status: 'done' | 'not_applicable'; evidence: string }) {
  const evidence = cleanText(input.evidence, 'evidence', { label: 'The evidence' });
  if (!evidence) throw new PledgeError('invalid_input', 'Record the evidence: what was searched, found, changed or deleted, or why the task does not apply.', { field: 'evidence' });
  return applyAction(deps, id, actor, 'tick_task', async ({ trx, row, now }) => {
    const task = UUID.test(input.taskId) ? await trx.selectFrom('rights_tasks').select(['id', 'system', 'status']).where('id', '=', input.taskId).where('request_id', '=', row.id).executeTakeFirst() : undefined;
    if (!task) throw new PledgeError('not_found', 'There is no such task on this request: GET the request to see its tasks.');
    if (task.status !== 'open') throw new PledgeError('conflict', `This task was already ticked off (${task.status.replace('_', ' ')}).`);
    await trx
      .updateTable('rights_tasks')
      .set({ status: input.status, evidence_enc: deps.cipher.encrypt(evidence, 'rights_tasks.evidence_enc'), ticked_by: actor.id ?? null, ticked_at: now })
      .where('id', '=', task.id)
      .execute();
    return { summary: `Task ${input.status === 'done' ? 'done' : 'not applicable'}: ${task.system}`, body: evidence, data: { taskId: task.id, status: input.status } };
  });
}

/**
 * Records that a recipient was told of a rectification, erasure or restriction (UK GDPR Art 19), or why that was
 * impossible or involved disproportionate effort.
 */
export async function recordNotification(deps: RightsDeps, id: string, actor: Actor, input: { notificationId: string; status: 'notified' | 'not_possible'; evidence: string }) {
  const evidence = cleanText(input.evidence, 'evidence', { label: 'The evidence' });
  if (!evidence) throw new PledgeError('invalid_input', 'Record how the recipient was told (when, how), or why telling it is impossible or disproportionate.', { field: 'evidence' });
  return applyAction(deps, id, actor, 'notify_recipient', async ({ trx, row, now }) => {
    const n = UUID.test(input.notificationId) ? await trx.selectFrom('rights_notifications').select(['id', 'recipient_name', 'status']).where('id', '=', input.notificationId).where('request_id', '=', row.id).executeTakeFirst() : undefined;
    if (!n) throw new PledgeError('not_found', 'There is no such recipient on this request: GET the request to see its notifications.');
    if (n.status !== 'to_notify') throw new PledgeError('conflict', `This recipient is already recorded (${n.status.replace('_', ' ')}).`);
    await trx.updateTable('rights_notifications').set({ status: input.status, evidence_enc: deps.cipher.encrypt(evidence, 'rights_notifications.evidence_enc'), done_by: actor.id ?? null, done_at: now }).where('id', '=', n.id).execute();
    return { summary: `Recipient ${input.status === 'notified' ? 'told' : 'not told (impossible or disproportionate)'} (Art 19): ${n.recipient_name}`, body: evidence, data: { notificationId: n.id, status: input.status } };
  });
}
