/**
 * Where a rights request stands. The statuses and the actions that move between them are data, so the API, the
 * pages and the tests agree on them, and a forbidden move is refused with words that say why.
 */
export const REQUEST_STATUSES = [
  /** Sent from the form; the person has not yet confirmed the email address (no request from them yet). */
  'unverified',
  /** Confirmed and waiting for someone to pick it up. */
  'received',
  'in_progress',
  /** Clarification asked: the clock is stopped until the answer (Art 12A; ICO "stop the clock"). */
  'awaiting_clarification',
  /** Further proof of identity asked: the period runs from its arrival (Art 12(6)). */
  'awaiting_identity',
  /** Someone acts for the person (a solicitor, parent, attorney): evidence of their authority is awaited; the period runs from its arrival (Art 12A; ICO "requests made on behalf of others"). */
  'awaiting_authority',
  /** A fee asked for a manifestly unfounded or excessive request: the period runs from payment (Art 12(5)). */
  'awaiting_fee',
  /** Processor mode: passed to the customer (the controller); waiting for its instruction (Art 28(3)(e)). */
  'awaiting_customer',
  'completed',
  'refused',
] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const OPEN_STATUSES: readonly RequestStatus[] = ['received', 'in_progress', 'awaiting_clarification', 'awaiting_identity', 'awaiting_authority', 'awaiting_fee', 'awaiting_customer'];
/** Open statuses where the request waits for the person (an answer, proof, authority or a fee): the queue counts them as paused. */
export const WAITING_STATUSES: readonly RequestStatus[] = ['awaiting_clarification', 'awaiting_identity', 'awaiting_authority', 'awaiting_fee'];
export const CLOSED_STATUSES: readonly RequestStatus[] = ['completed', 'refused'];

/** Plain words for each status, for the person's status page and staff lists. */
export const STATUS_WORDS: Record<RequestStatus, string> = {
  unverified: 'Waiting for you to confirm your email address',
  received: 'Received: we will start work on it shortly',
  in_progress: 'We are working on it',
  awaiting_clarification: 'Waiting for more information from you',
  awaiting_identity: 'Waiting for proof of your identity',
  awaiting_authority: 'Waiting for evidence that the person asking may act for the person the request is about',
  awaiting_fee: 'Waiting for a fee to be paid',
  awaiting_customer: 'Passed to the organisation responsible for your data',
  completed: 'Completed',
  refused: 'Refused',
};

export type RequestAction =
  | 'verify'
  | 'assign'
  | 'note'
  | 'ask_clarification'
  | 'clarification_answered'
  | 'ask_identity'
  | 'identity_received'
  | 'ask_authority'
  | 'authority_received'
  | 'extend'
  | 'charge_fee'
  | 'fee_paid'
  | 'close_fee_unpaid'
  | 'close_evidence_missing'
  | 'refuse'
  | 'tick_task'
  | 'approve'
  | 'route_to_customer'
  | 'customer_instruction'
  | 'notify_recipient'
  | 'complete';

const WORKING: RequestStatus[] = ['received', 'in_progress'];
const OPEN = [...OPEN_STATUSES];

/** From which statuses each action may be taken, and the status it leads to (absent: unchanged, or received -> in progress). */
export const ACTION_RULES: Record<RequestAction, { from: readonly RequestStatus[]; to?: RequestStatus }> = {
  verify: { from: ['unverified'], to: 'received' },
  assign: { from: OPEN },
  note: { from: [...OPEN, 'completed', 'refused'] },
  ask_clarification: { from: WORKING, to: 'awaiting_clarification' },
  clarification_answered: { from: ['awaiting_clarification'], to: 'in_progress' },
  ask_identity: { from: WORKING, to: 'awaiting_identity' },
  identity_received: { from: ['awaiting_identity', ...WORKING], to: 'in_progress' },
  ask_authority: { from: WORKING, to: 'awaiting_authority' },
  authority_received: { from: ['awaiting_authority', ...WORKING], to: 'in_progress' },
  extend: { from: [...WORKING, 'awaiting_clarification', 'awaiting_customer'] },
  charge_fee: { from: WORKING, to: 'awaiting_fee' },
  fee_paid: { from: ['awaiting_fee'], to: 'in_progress' },
  /** The fee was not paid: the controller need not act (Art 12(5)(a)); the request is closed as refused, with that reason. */
  close_fee_unpaid: { from: ['awaiting_fee'], to: 'refused' },
  /** Proof of identity or evidence of authority asked and never sent: the controller need not act (Art 12(6); ICO right of access guidance); closed as refused, with that reason. */
  close_evidence_missing: { from: ['awaiting_identity', 'awaiting_authority'], to: 'refused' },
  refuse: { from: OPEN, to: 'refused' },
  tick_task: { from: [...WORKING, 'awaiting_customer'] },
  approve: { from: [...WORKING, 'awaiting_customer'] },
  route_to_customer: { from: WORKING, to: 'awaiting_customer' },
  customer_instruction: { from: ['awaiting_customer', ...WORKING], to: 'in_progress' },
  notify_recipient: { from: [...WORKING, 'awaiting_customer', 'completed'] },
  complete: { from: [...WORKING, 'awaiting_customer'], to: 'completed' },
};

const ACTION_WORDS: Record<RequestAction, string> = {
  verify: 'confirm the request',
  assign: 'assign the request',
  note: 'add a note',
  ask_clarification: 'ask for clarification',
  clarification_answered: 'record the answer to a clarification',
  ask_identity: 'ask for proof of identity',
  identity_received: 'record proof of identity',
  ask_authority: 'ask for evidence of authority to act for the person',
  authority_received: 'record evidence of authority',
  extend: 'extend the request',
  charge_fee: 'charge a fee',
  fee_paid: 'record the fee as paid',
  close_fee_unpaid: 'close the request as fee not paid',
  close_evidence_missing: 'close the request as proof of identity or authority not provided',
  refuse: 'refuse the request',
  tick_task: 'tick off a task',
  approve: 'approve the request',
  route_to_customer: 'pass the request to the customer',
  customer_instruction: "record the customer's instruction",
  notify_recipient: 'record a recipient as told',
  complete: 'complete the request',
};

/** An action that the request's status does not allow. */
export class RequestTransitionError extends Error {
  override name = 'RequestTransitionError';
  constructor(
    readonly action: RequestAction,
    readonly status: RequestStatus,
  ) {
    const allowed = ACTION_RULES[action].from.map((s) => s.replace(/_/g, ' ')).join(', ');
    super(`You cannot ${ACTION_WORDS[action]} while the request is ${status.replace(/_/g, ' ')}: this is possible only when it is ${allowed}.`);
  }
}

/** The status after `action`, or throws RequestTransitionError. Working on a received request puts it in progress. */
export function nextStatus(current: RequestStatus, action: RequestAction): RequestStatus {
  const rule = ACTION_RULES[action];
  if (!rule.from.includes(current)) throw new RequestTransitionError(action, current);
  if (rule.to) return rule.to;
  if (current === 'received' && action !== 'note') return 'in_progress';
  return current;
}

export const isOpenStatus = (s: RequestStatus): boolean => OPEN_STATUSES.includes(s);
