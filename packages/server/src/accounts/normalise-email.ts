import { PledgeError } from '../errors/pledge-error.js';

/** Trims and lower-cases an email address (emails are unique regardless of case) and checks its shape. */
export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) throw new PledgeError('invalid_input', `"${email.slice(0, 80)}" is not an email address: write it as name@example.com.`, { field: 'email' });
  return e;
}
