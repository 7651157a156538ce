import { randomUUID } from 'node:crypto';
import { formatDate, recipientsToNotify, REQUEST_TYPE_WORDS, tasksFromDeclaration, type ClockSettings, type Declaration, type RequestClockState, type RequestType } from '@pledge/core';
import type { Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import type { Database } from '../store/database.js';
import { clockColumns, type RequestRow, type RightsDeps } from './apply-action.js';
import { onDirectMarketingObjection } from './direct-marketing.js';
import { messagePerson, requestRef } from './message-person.js';

/** Words for the acknowledgement when someone acts for another person and must show their authority (ICO: requests made on behalf of others). */
export const AUTHORITY_ASK =
  'You told us you are asking on behalf of someone else. Before we act, we need evidence that you may do so: for example a signed letter of authority from them, a lasting or enduring power of attorney, a court order, or, for a child, evidence that you have parental responsibility. You can send it using the link below. The time we have to reply starts when we receive it.';

/**
 * What every received request gets, however it arrived (the privacy centre's confirmation, or staff taking a letter,
 * a call or an email): one task per system and the Art 19 recipients from the declaration in force when it was made,
 * an objection to direct marketing acted on at once (Art 21(3)), and an acknowledgement with the due date (by email
 * where there is an address; otherwise kept on the timeline for staff to post). In the caller's transaction.
 */
export async function startRequest(
  trx: Transaction<Database>,
  deps: RightsDeps,
  row: RequestRow,
  input: { declaration: Declaration | undefined; settings: ClockSettings; clock: RequestClockState; actor: Actor },
): Promise<{ tasks: number; recipientsToNotify: number }> {
  const type = row.type as RequestType;
  const { declaration } = input;
  const planned = declaration
    ? tasksFromDeclaration(declaration, type, row.processor_activity ? { processorActivityId: row.processor_activity } : {})
    : [{ key: 'own-systems', system: 'Our own systems', action: "Find the person's data and act on the request" }];
  if (planned.length) {
    await trx.insertInto('rights_tasks').values(planned.map((t, i) => ({ id: randomUUID(), request_id: row.id, position: i, key: t.key, system: t.system, action: t.action, status: 'open' }))).execute();
  }
  const notify = declaration ? recipientsToNotify(declaration, type) : [];
  if (notify.length) {
    await trx.insertInto('rights_notifications').values(notify.map((n) => ({ id: randomUUID(), request_id: row.id, recipient_id: n.recipientId, recipient_name: n.name, status: 'to_notify' }))).execute();
  }
  // Act on a direct-marketing objection at once (Art 21(3)), in this transaction.
  if (row.direct_marketing) await onDirectMarketingObjection(trx, deps, row, input.actor);
  // Acknowledge, with the due date as now computed (none while authority is awaited: the period has not started).
  const cols = clockColumns(input.clock, input.settings);
  const words = REQUEST_TYPE_WORDS[type];
  const due = cols.due_date
    ? `We will reply by ${formatDate(cols.due_date)} at the latest${cols.due_applied === 'promise' ? ' (the time we promise in our privacy notice, which is shorter than the law allows)' : ''}, and sooner if we can.`
    : input.clock.waitingFor === 'authority'
      ? AUTHORITY_ASK
      : 'We will tell you when to expect our reply.';
  const paragraphs = [
    `We received your request: ${words.title.toLowerCase()}. Its reference is ${requestRef(row)}.`,
    due,
    row.direct_marketing ? 'You objected to direct marketing: we have stopped it at once, and you will not be added back.' : '',
    'If we need more information to find your data, or proof that the request comes from you, we will ask; the time to reply then runs from when we receive it.',
    'You can follow your request with the link below. Keep it private: anyone with the link can see the status of your request.',
  ].filter(Boolean);
  await messagePerson(trx, deps, row, declaration, { subject: `We received your request (${requestRef(row)})`, paragraphs, actor: { type: 'system' }, linkLabel: 'Follow your request' });
  return { tasks: planned.length, recipientsToNotify: notify.length };
}
