import { createHash } from 'node:crypto';
import { normaliseMarketingEmail } from '@pledge/core';
import '../crypto/cipher-deps.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';

const CONTEXT = 'consent.unsubscribe_token';

/**
 * An unsubscribe token: the address and purpose sealed with the field cipher (AES-256-GCM, authenticated), as base64url.
 * Nothing is stored per message sent, the address never appears in the link in clear, and a token cannot be forged or
 * altered (the tag fails). It works for as long as its key is configured: an unsubscribe link must keep working
 * (RFC 8058 section 3; PECR reg 22(3)(c) "a simple means of refusing" in every message).
 */
export function sealUnsubscribeToken(deps: Pick<ServiceDeps, 'cipher'>, input: { email: string; purpose?: string | undefined }): string {
  const e = normaliseMarketingEmail(input.email);
  if (!e) throw new PledgeError('invalid_input', `"${input.email.slice(0, 80)}" is not an email address.`, { field: 'email' });
  return Buffer.from(deps.cipher.encrypt(JSON.stringify({ e, p: input.purpose ?? null }), CONTEXT), 'utf8').toString('base64url');
}

/** The address and purpose in a token, or undefined when it is not a genuine token. */
export function openUnsubscribeToken(deps: Pick<ServiceDeps, 'cipher'>, token: string): { email: string; purpose: string | null } | undefined {
  if (!/^[A-Za-z0-9_-]{20,1000}$/.test(token)) return undefined;
  try {
    const v = JSON.parse(deps.cipher.decrypt(Buffer.from(token, 'base64url').toString('utf8'), CONTEXT)) as { e?: unknown; p?: unknown };
    if (typeof v.e !== 'string' || (v.p !== null && typeof v.p !== 'string')) return undefined;
    return { email: v.e, purpose: v.p };
  } catch {
    return undefined;
  }
}

/** A stable id for a token (its idempotency key): one unsubscribe per token, however often it is clicked. */
export const tokenKey = (token: string): string => `unsub:${createHash('sha256').update(token).digest('hex').slice(0, 48)}`;

export interface UnsubscribeHeaders {
  'List-Unsubscribe': string;
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click';
}

/**
 * The headers that give an email one-click unsubscribe (RFC 8058; RFC 2369 List-Unsubscribe): an HTTPS link to
 * POST /consent/unsubscribe/<token> and the List-Unsubscribe-Post marker mail clients look for. The message must also
 * be DKIM-signed covering both headers (RFC 8058 section 4): that is the sending system's part.
 * @example
 * await transport.sendMail({ to, subject, text, headers: unsubscribeHeaders(deps, { email: to, purpose: 'newsletter' }) });
 */
export function unsubscribeHeaders(deps: Pick<ServiceDeps, 'cipher' | 'config'>, input: { email: string; purpose?: string | undefined }): UnsubscribeHeaders & { url: string } {
  const url = `${deps.config.publicUrl.replace(/\/+$/, '')}/consent/unsubscribe/${sealUnsubscribeToken(deps, input)}`;
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', url };
}
