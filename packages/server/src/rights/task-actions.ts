import { randomUUID } from 'node:crypto';
import { NOTIFIES_RECIPIENTS, recipientsToTell, type Declaration, type RequestType } from '@pledge/core';
import type { Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import type { Database } from '../store/database.js';
import { PledgeError } from '../errors/pledge-error.js';
import { applyAction, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { UUID } from './create-request.js';
import { versionInForce } from './rights-context.js';

/** The ids a task touches by default: the recipient a "recipient:<id>" task is about, or the processor activity of a customer's instruction. */
function defaultTouched(key: string, processorActivity: string | null): string[] {
  if (key.startsWith('recipient:')) return [key.slice('recipient:'.length)];
  if (key === 'customer-instruction' && processorActivity) return [processorActivity];
  return [];
}

/**
 * Art 19 by system: the recipients to tell of what was changed in the systems or data categories a ticked task
 * touched, drawn from the declaration by recipientsToTell, merged into the request's list without duplicates (a
 * recipient already listed, e.g. by the request type, gains the ids that led to it). UK GDPR Art 19: each recipient
 * to whom the data were disclosed is told, unless impossible or disproportionate; the person is told who they are
 * on request. Returns the recipients added.
 */
async function addRecipientsFor(trx: Transaction<Database>, requestId: string, declaration: Declaration, touched: string[]): Promise<{ added: string[]; categories: string[] }> {
  const found = recipientsToTell(declaration, touched);
  if (found.unknown.length) {
    const known = [...declaration.data_categories, ...declaration.purposes, ...declaration.recipients, ...declaration.processor_activities].map((x) => x.id);
    throw new PledgeError('invalid_input', `The declaration names no data category, purpose, recipient or processor activity ${found.unknown.map((u) => `"${u.slice(0, 64)}"`).join(', ')}. Use ids from the published declaration: ${known.slice(0, 40).join(', ')}.`, {
      field: 'touched',
      unknown: found.unknown,
    });
  }
  if (!found.recipients.length) return { added: [], categories: [] };
  const existing = await trx.selectFrom('rights_notifications').select(['id', 'recipient_id', 'via']).where('request_id', '=', requestId).execute();
  const byRecipient = new Map(existing.map((n) => [n.recipient_id, n] as const));
  const added: string[] = [];
  for (const r of found.recipients) {
    const have = byRecipient.get(r.recipientId);
    if (have) {
      const via = [...new Set([...((have.via as string[] | null) ?? []), ...r.via])];
      await trx.updateTable('rights_notifications').set({ via: JSON.stringify(via), category: r.category }).where('id', '=', have.id).execute();
    } else {
      await trx
        .insertInto('rights_notifications')
        .values({ id: randomUUID(), request_id: requestId, recipient_id: r.recipientId, recipient_name: r.name, status: 'to_notify', via: JSON.stringify(r.via), category: r.category })
        .onConflict((oc) => oc.columns(['request_id', 'recipient_id']).doNothing())
        .execute();
      added.push(r.recipientId);
    }
  }
  return { added, categories: found.recipients.filter((r) => r.category).map((r) => r.recipientId) };
}

/** Ticks off one system's task (done, or not applicable) with the evidence: what was searched, changed or deleted. */
export async function tickTask(deps: RightsDeps, id: string, actor: Actor, input: { taskId: string; status: 'done' | 'not_applicable'; evidence: string; touched?: string[] | undefined }) {
  const evidence = cleanText(input.evidence, 'evidence', { label: 'The evidence' });
  if (!evidence) throw new PledgeError('invalid_input', 'Record the evidence: what was searched, found, changed or deleted, or why the task does not apply.', { field: 'evidence' });
  return applyAction(deps, id, actor, 'tick_task', async ({ trx, row, now, declaration }) => {
    const task = UUID.test(input.taskId) ? await trx.selectFrom('rights_tasks').select(['id', 'key', 'system', 'status']).where('id', '=', input.taskId).where('request_id', '=', row.id).executeTakeFirst() : undefined;
    if (!task) throw new PledgeError('not_found', 'There is no such task on this request: GET the request to see its tasks.');
    if (task.status !== 'open') throw new PledgeError('conflict', `This task was already ticked off (${task.status.replace('_', ' ')}).`);
    await trx
      .updateTable('rights_tasks')
      .set({ status: input.status, evidence_enc: deps.cipher.encrypt(evidence, 'rights_tasks.evidence_enc'), ticked_by: actor.id ?? null, ticked_at: now })
      .where('id', '=', task.id)
      .execute();
    // A rectification, erasure or restriction done in a system: the recipients of that system's data are to be told (Art 19).
    let art19: { added: string[]; categories: string[]; touched: string[] } | undefined;
    if (input.status === 'done' && NOTIFIES_RECIPIENTS[row.type as RequestType]) {
      const touched = [...new Set(input.touched ?? defaultTouched(task.key, row.processor_activity))];
      const decl = declaration ?? (await versionInForce(trx))?.declaration;
      if (touched.length && decl) art19 = { ...(await addRecipientsFor(trx, row.id, decl, touched)), touched };
    } else if (input.touched?.length) {
      throw new PledgeError('invalid_input', 'Systems touched are recorded only when a rectification, erasure or restriction task is done (Art 19).', { field: 'touched' });
    }
    const told = art19?.added.length ? `; recipients to tell added (Art 19): ${art19.added.join(', ')}${art19.categories.length ? ` (categories, told only where data was in fact disclosed: ${art19.categories.join(', ')})` : ''}` : '';
    return {
      summary: `Task ${input.status === 'done' ? 'done' : 'not applicable'}: ${task.system}${told}`,
      body: evidence,
      data: { taskId: task.id, status: input.status, ...(art19 ? { touched: art19.touched, recipientsAdded: art19.added } : {}) },
    };
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
