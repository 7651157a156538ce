import type { Declaration } from '../declaration/schema/declaration.js';
import { NOTIFIES_RECIPIENTS, type RequestType } from './request-types.js';

/** One unit of work on a request: a system where the person's data may be, or a customer's instruction. */
export interface PlannedTask {
  /** Stable within the request: "own-systems", "recipient:aws", "customer-instruction". */
  key: string;
  /** What the system is, in words from the declaration. */
  system: string;
  /** What to do there for this type of request. */
  action: string;
}

export interface PlannedNotification {
  recipientId: string;
  name: string;
}

const VERBS: Record<RequestType, string> = {
  access: 'Find the person\'s data and add it to the reply',
  rectification: 'Correct the data, and record what was changed',
  erasure: 'Delete the data (keep only what the law requires, and record why)',
  restriction: 'Mark the data as restricted: store it, do not otherwise use it',
  portability: 'Export the data the person provided, machine-readable',
  objection: 'Stop the processing objected to (direct marketing: at once)',
  withdraw_consent: 'Stop the processing that relied on the consent',
  other: 'Check for the person\'s data and act on the request',
};

/** Recipients that hold data for us or alongside us: where a person's data lives besides our own systems. */
const HOLDS_DATA = new Set(['processor', 'group_company', 'joint_controller']);

/**
 * The tasks for a request, one per system where the data may live, drawn from the published declaration: our own
 * systems, then each processor, group company or joint controller that receives personal data for a purpose (the
 * declaration's data map). A processor-mode request (data held for a customer) gets the activity's subprocessors and
 * a task for carrying out the customer's instruction within the period the declaration promises (Art 28(3)(e)).
 */
export function tasksFromDeclaration(declaration: Declaration, type: RequestType, opts: { processorActivityId?: string } = {}): PlannedTask[] {
  const verb = VERBS[type];
  const recipients = new Map(declaration.recipients.map((r) => [r.id, r] as const));
  const describe = (id: string) => {
    const r = recipients.get(id);
    return r ? `${r.name}${r.service ? ` (${r.service})` : ''}` : id;
  };
  if (opts.processorActivityId) {
    const activity = declaration.processor_activities.find((a) => a.id === opts.processorActivityId);
    const tasks: PlannedTask[] = [
      {
        key: 'customer-instruction',
        system: `Our customer's instruction for ${activity?.name ?? opts.processorActivityId}`,
        action: `Carry out the customer's instruction${activity?.deletion_on_instruction ? ` within ${activity.deletion_on_instruction} (the period the declaration promises)` : ''}, and record the evidence`,
      },
    ];
    for (const id of activity?.subprocessors ?? []) tasks.push({ key: `recipient:${id}`, system: describe(id), action: verb });
    return tasks;
  }
  const tasks: PlannedTask[] = [{ key: 'own-systems', system: `${declaration.organisation.legal_name}'s own systems`, action: verb }];
  const seen = new Set<string>();
  for (const p of declaration.purposes) {
    for (const id of p.recipients ?? []) {
      if (seen.has(id)) continue;
      const r = recipients.get(id);
      if (!r || !HOLDS_DATA.has(r.kind) || r.category) continue;
      seen.add(id);
      tasks.push({ key: `recipient:${id}`, system: describe(id), action: verb });
    }
  }
  return tasks;
}

/**
 * The recipients to tell of a rectification, erasure or restriction (UK GDPR Art 19), from the declaration: every
 * recipient the purposes disclose data to. Staff record each as told, or why telling it was impossible or
 * disproportionate. Other request types tell no one.
 */
export function recipientsToNotify(declaration: Declaration, type: RequestType): PlannedNotification[] {
  if (!NOTIFIES_RECIPIENTS[type]) return [];
  const ids = new Set(declaration.purposes.flatMap((p) => p.recipients ?? []));
  return declaration.recipients.filter((r) => ids.has(r.id)).map((r) => ({ recipientId: r.id, name: r.name }));
}
