import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import { ROLE_PERMISSIONS, type Role } from '../auth/permissions.js';
import type { Clock } from '../clock.js';
import type { ServiceDeps } from '../service-deps.js';
import { csrfOf, FormBrowser } from '../staff-pages/form-browser.js';
import { createRequest } from './create-request.js';
import { verifyCode } from './verify-request.js';

export const JUPITER_YAML = readFileSync(fileURLToPath(new URL('../../../../examples/jupiter-edtech/corrected/declaration.yaml', import.meta.url)), 'utf8');

/** A clock tests move by hand; each reading is 1 ms after the one before, so records keep their order. */
export class TestClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t++);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * Staff callers by header: x-test-role (and x-test-user for the id); anonymous without. Reads come as a signed-in
 * user (so "assignee=me" works); changes come as an API key with the role's permissions, as a system calling the API
 * would (a browser session would also need a CSRF token, which is the accounts capability's concern and tested there).
 */
export async function headerAuthenticate(req: FastifyRequest): Promise<Principal> {
  const role = req.headers['x-test-role'];
  if (typeof role !== 'string') return ANONYMOUS;
  const user = typeof req.headers['x-test-user'] === 'string' ? req.headers['x-test-user'] : `u-${role}`;
  if (req.method !== 'GET') return { kind: 'api_key', keyId: user, name: role, scopes: [...ROLE_PERMISSIONS[role as Role]] };
  return { kind: 'user', userId: user, email: `${role}@example.test`, role: role as Role, mfaVerified: true, sessionId: `s-${user}` };
}

export interface SentMail {
  id: string;
  to: string;
  subject: string;
  template: string;
  text: string;
  html: string;
}

/** Soft line breaks removed and =XX bytes decoded (RFC 2045), enough to search an .eml for codes and links. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Every queued message to `to` (decrypted), oldest first. */
export async function mailsTo(deps: ServiceDeps, to: string): Promise<SentMail[]> {
  const rows = await deps.store.db.selectFrom('mail_messages').selectAll().orderBy('created_at').execute();
  return rows
    .map((r) => ({
      id: r.id,
      to: deps.cipher.decrypt(r.to_address, 'mail_messages.to_address'),
      subject: deps.cipher.decrypt(r.subject, 'mail_messages.subject'),
      template: r.template,
      // Once sent, the body is cleared from the table: read the .eml the outbox wrote (quoted-printable decoded).
      text: r.text_body ? deps.cipher.decrypt(r.text_body, 'mail_messages.text_body') : r.outbox_path ? decodeQuotedPrintable(readFileSync(r.outbox_path, 'utf8')) : '',
      html: r.html_body ? deps.cipher.decrypt(r.html_body, 'mail_messages.html_body') : '',
    }))
    .filter((m) => m.to === to.toLowerCase());
}

export const codeIn = (m: SentMail): string => /code on the page: (\d{6})/.exec(m.text)![1]!;
export const linkIn = (m: SentMail, path: string): string => {
  const match = new RegExp(`https?://[^\\s]+(${path.replace(/\//g, '\\/')}[A-Za-z0-9_-]+)`).exec(m.text);
  if (!match) throw new Error(`no ${path} link in: ${m.text}`);
  return match[1]!;
};

/** Sends the public form as a browser without JavaScript and returns the verification page's path. */
export async function submitRequest(browser: FormBrowser, type: string, fields: Record<string, string>) {
  const page = await browser.get(`/privacy/requests/new/${type}`);
  return browser.post(`/privacy/requests/new/${type}`, { _csrf: csrfOf(page.body), ...fields });
}

/** A request made and confirmed at service level (createRequest, then the emailed code): its id. */
export async function confirmedRequest(deps: ServiceDeps, input: Parameters<typeof createRequest>[1]): Promise<string> {
  const { requestId, verificationId } = await createRequest(deps, input, { type: 'public' });
  const code = codeIn((await mailsTo(deps, input.email)).filter((m) => m.template === 'rights.code').at(-1)!);
  await verifyCode(deps, verificationId, code, { type: 'public' });
  return requestId;
}

/**
 * A request sent through the public form (as a browser without JavaScript) and confirmed with the emailed code: its id
 * and the private status page from the acknowledgement. Throws, with the page, if a step does not answer as a person
 * would see it succeed.
 */
export async function confirmedThroughForm(deps: ServiceDeps, browser: FormBrowser, type: string, email: string, fields: Record<string, string> = {}) {
  const res = await submitRequest(browser, type, { email, ...fields });
  if (res.statusCode !== 303) throw new Error(`the form answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  const verify = res.headers.location as string;
  const code = codeIn((await mailsTo(deps, email)).filter((m) => m.template === 'rights.code').at(-1)!);
  const page = await browser.get(verify);
  const done = await browser.post(verify, { _csrf: csrfOf(page.body), code });
  if (done.statusCode !== 200) throw new Error(`the code page answered ${done.statusCode}: ${done.body.slice(0, 500)}`);
  const row = await deps.store.db.selectFrom('rights_requests').select(['id']).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
  return { id: row.id, statusPath: linkIn((await mailsTo(deps, email)).at(-1)!, '/privacy/requests/status/') };
}

/** A multipart/form-data body as a browser sends it (RFC 7578), with an optional file in the field `document`. */
export function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = `----pledgeTest${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
