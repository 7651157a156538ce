import { PledgeError } from '../errors/pledge-error.js';

/** The most a person's free text may hold: ample for any request, small enough to store and show safely. */
export const MAX_TEXT = 20_000;

/**
 * Free text from a person, made safe to store: line endings normalised, control characters other than tab and new line
 * removed (they can hide text or break terminals and CSV), lone surrogates replaced, trimmed. It is never trusted as
 * markup: every page and email escapes it where shown. Too long: refused with the limit, so nothing is cut silently.
 */
export function cleanText(text: string, field: string, opts: { max?: number; label?: string } = {}): string {
  const max = opts.max ?? MAX_TEXT;
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
  if (cleaned.length > max) {
    throw new PledgeError('invalid_input', `${opts.label ?? 'This text'} is ${cleaned.length} characters long: the most we accept is ${max}. Shorten it, or send the rest later.`, { field, max });
  }
  return cleaned;
}
