/** Stable error codes. They know nothing of HTTP; http/error-status.ts maps them to statuses in one place. */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'mfa_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unprocessable'
  | 'unavailable';

/**
 * The one error type of Pledge's service. `message` says what was wrong and how to fix it;
 * `details` carries structured data for clients (e.g. findings, the failing field).
 */
export class PledgeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PledgeError';
  }
}
