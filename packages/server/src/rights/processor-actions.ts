import { addDays, addMonths, formatDate, parseDuration, REQUEST_TYPE_WORDS, type CalendarDate, type RequestType } from '@pledge/core';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import { queueMail } from '../mail/queue-mail.js';
import { applyAction, type RightsDeps } from './apply-action.js';
import { cleanText } from './clean-text.js';
import { checkEmail } from './create-request.js';
import { messagePerson, personContact, requestRef } from './message-person.js';
import { organisationName } from './rights-context.js';
import { rightsStaffTemplate } from './rights-mail-templates.js';

/** The end of a declared period ("30 days", "1 month") from `from`; undefined when the text is not a period. */
function periodEnd(from: CalendarDate, text: string | undefined): CalendarDate | undefined {
  const d = text ? parseDuration(text) : undefined;
  if (!d) return undefined;
  if (d.unit === 'day') return addDays(from, d.amount);
  if (d.unit === 'week') return addDays(from, d.amount * 7);
  if (d.unit === 'month') return addMonths(from, d.amount).date;
  return addMonths(from, d.amount * 12).date;
}

/**
 * Processor mode: the data is held for a customer (the controller), so the request goes to that customer, who decides
 * (UK GDPR Art 28(3)(e): the processor assists the controller in answering rights requests). The customer's contact
 * is the one declared for the activity when it gives an email, else the one staff give. The person is told who now
 * handles their request.
 */
export async function routeToCustomer(deps: RightsDeps, id: string, actor: Actor, input: { customerEmail?: string; customerName?: string; message?: string }) {
  return applyAction(deps, id, actor, 'route_to_customer', async ({ trx, row, declaration }) => {
    if (!row.processor_activity) throw new PledgeError('conflict', 'This request is not about data held for a customer (no processor activity): work it as the controller.');
    const activity = declaration?.processor_activities.find((a) => a.id === row.processor_activity);
    const declared = activity?.controllers.find((c) => c.email)?.email;
    const given = input.customerEmail ?? declared;
    if (!given) throw new PledgeError('invalid_input', "The declaration gives no email for this activity's customers: give the customer's contact email (customerEmail).", { field: 'customerEmail' });
    const email = checkEmail(given);
    const name = input.customerName !== undefined ? cleanText(input.customerName, 'customerName', { max: 300 }) : row.customer_name_enc ? deps.cipher.decrypt(row.customer_name_enc, 'rights_requests.customer_name_enc') : activity?.controllers[0]?.name ?? 'our customer';
    const note = input.message === undefined ? '' : cleanText(input.message, 'message', { max: 10_000 });
    const org = organisationName(deps, declaration);
    const details = row.details_enc ? deps.cipher.decrypt(row.details_enc, 'rights_requests.details_enc') : '';
    const promise = activity?.deletion_on_instruction;
    await queueMail(trx, deps, {
      to: email,
      template: rightsStaffTemplate,
      vars: {
        subject: `A data protection request about data we process for you (${requestRef(row)})`,
        paragraphs: [
          `${org} processes personal data for you (${activity?.name ?? row.processor_activity}) as your processor. We have received a request from a person whose data this may be, and pass it to you as the controller, to decide.`,
          `Request: ${REQUEST_TYPE_WORDS[row.type as RequestType].title}. From: ${personContact(deps, row)}. Received: ${row.received_on ? formatDate(row.received_on) : 'today'}.`,
          details ? `In the person's words:\n${details}` : '',
          note,
          `Reply with your instructions (for example, to delete this person's data)${promise ? `: we carry them out within ${promise}, as our agreement with you says` : ''}. Our reference: ${requestRef(row)}.`,
        ].filter(Boolean),
      },
      actor,
      organisationName: org,
    });
    await messagePerson(trx, deps, row, declaration, {
      subject: `Your request has been passed on (${requestRef(row)})`,
      paragraphs: [
        `The data your request is about is held by ${org} on behalf of ${name}, which decides how it is used. We have passed your request to them; they will answer you, and we will carry out their instructions.`,
      ],
      actor,
    });
    return {
      summary: 'Passed to the customer (the controller) for instructions (Art 28(3)(e)); the person was told',
      ...(note ? { body: note } : {}),
      set: { customer_email_enc: deps.cipher.encrypt(email, 'rights_requests.customer_email_enc'), customer_name_enc: deps.cipher.encrypt(name, 'rights_requests.customer_name_enc') },
    };
  });
}

/**
 * The customer's instruction (e.g. "delete this learner's data"), received on a day: the period the declaration
 * promises for acting on it (processor_activities[].deletion_on_instruction) runs from then, and is tracked on the
 * customer-instruction task; completing that task with evidence is the proof.
 */
export async function recordCustomerInstruction(deps: RightsDeps, id: string, actor: Actor, input: { instruction: string; receivedOn?: string }) {
  const instruction = cleanText(input.instruction, 'instruction', { label: 'The instruction' });
  if (!instruction) throw new PledgeError('invalid_input', "Record the customer's instruction.", { field: 'instruction' });
  return applyAction(deps, id, actor, 'customer_instruction', async ({ trx, row, declaration, today }) => {
    if (!row.processor_activity) throw new PledgeError('conflict', 'This request is not about data held for a customer.');
    const on = input.receivedOn ?? today;
    if (on > today) throw new PledgeError('invalid_input', `The instruction cannot have arrived in the future (${on}).`, { field: 'receivedOn' });
    const activity = declaration?.processor_activities.find((a) => a.id === row.processor_activity);
    const due = periodEnd(on, activity?.deletion_on_instruction);
    await trx.updateTable('rights_tasks').set({ due_date: due ?? null }).where('request_id', '=', row.id).where('key', '=', 'customer-instruction').execute();
    return {
      summary: `Customer's instruction received on ${formatDate(on)}${due ? `; to be carried out by ${formatDate(due)} (${activity?.deletion_on_instruction}, as the declaration promises)` : ''}`,
      body: instruction,
      data: { receivedOn: on, dueDate: due ?? null },
      set: { customer_due_date: due ?? null },
    };
  });
}
