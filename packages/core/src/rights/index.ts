// Rights requests: the words people see, the statuses and their moves, the clock of one request, and the tasks
// drawn from the declaration. Pure: no I/O.
export { REQUEST_TYPES, REQUEST_TYPE_WORDS, NOTIFIES_RECIPIENTS, isRequestType, type RequestType, type RequestTypeWords } from './request-types.js';
export {
  REQUEST_STATUSES,
  OPEN_STATUSES,
  CLOSED_STATUSES,
  WAITING_STATUSES,
  STATUS_WORDS,
  ACTION_RULES,
  RequestTransitionError,
  nextStatus,
  isOpenStatus,
  type RequestStatus,
  type RequestAction,
} from './request-status.js';
export { promiseFromResponsePeriod, requestClockInput, requestDue, requestCanExtend, type RequestClockState, type ClockSettings, type RequestDue, type WaitingFor } from './request-clock.js';
export { FEE_GROUNDS, FEE_GROUND_WORDS, formatPence, type FeeGround, type RequestFee } from './fee-grounds.js';
export { tasksFromDeclaration, recipientsToNotify, type PlannedTask, type PlannedNotification } from './tasks-from-declaration.js';
