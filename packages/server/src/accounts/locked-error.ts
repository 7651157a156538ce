import { PledgeError } from '../errors/pledge-error.js';

/** The refusal while an account is locked: says until when, and what to do. */
export function lockedError(until: Date): PledgeError {
  return new PledgeError('unauthenticated', `This account is locked after too many wrong attempts until ${until.toISOString()}. Try again after that, or ask an owner.`, {
    lockedUntil: until.toISOString(),
  });
}
