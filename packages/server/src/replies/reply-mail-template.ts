import { z } from 'zod';
import { defineMailTemplate } from '../mail/define-mail-template.js';

/** Days and a date in words: "7 days, until 27 March 2026". */
const until = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

/**
 * The reply to an access or portability request: the expiring link to the package (UK GDPR Art 12(1), 15(3): by
 * electronic means where the request was made so), how long it works and how often, and what to do if it has
 * expired. Every variable is escaped in the HTML by renderMail; the plain-text part shows them as written.
 */
export const replyReadyTemplate = defineMailTemplate({
  name: 'rights.reply-ready',
  vars: z.object({
    reference: z.string().min(1).max(100),
    requestType: z.enum(['access', 'portability', 'other']),
    files: z.array(z.object({ name: z.string().min(1).max(200), url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s) address') })).min(1).max(50),
    expiresAt: z.string().datetime(),
    maxDownloads: z.number().int().min(1),
    /** Optional words from staff, shown before the link. */
    message: z.string().max(5000).optional(),
  }),
  subject: (v) => `Your ${v.requestType === 'portability' ? 'data' : v.requestType === 'access' ? 'personal data' : 'reply'} is ready to download (${v.reference})`,
  text: (v) =>
    [
      v.requestType === 'access'
        ? `We have finished your request for a copy of your personal data (reference ${v.reference}).`
        : v.requestType === 'portability'
          ? `We have finished your request for the data you gave us, in a form you can reuse (reference ${v.reference}).`
          : `We have finished your request (reference ${v.reference}).`,
      v.message,
      v.files.length === 1 ? `Download it here:\n${v.files[0]!.url}` : `Download each file here:\n${v.files.map((f) => `${f.name}: ${f.url}`).join('\n')}`,
      `For your security the link works until ${until(v.expiresAt)} and can be used ${v.maxDownloads} ${v.maxDownloads === 1 ? 'time' : 'times'}; the files are then deleted. Save them somewhere safe. The download is a ZIP file: it holds a report (report.html, which opens in any web browser) and your data as JSON and CSV files (CSV opens in any spreadsheet).`,
      'If the link has expired, reply to this email and we will send a new one. Do not forward this email: anyone with the link can download your data.',
    ]
      .filter(Boolean)
      .join('\n\n'),
  html: (v) =>
    [
      `<p>${
        v.requestType === 'access'
          ? `We have finished your request for a copy of your personal data (reference ${v.reference}).`
          : v.requestType === 'portability'
            ? `We have finished your request for the data you gave us, in a form you can reuse (reference ${v.reference}).`
            : `We have finished your request (reference ${v.reference}).`
      }</p>`,
      v.message ? `<p>${v.message}</p>` : '',
      ...v.files.map(
        (f) =>
          `<p><a href="${f.url}" style="display:inline-block;padding:.6rem 1rem;background:#1c4f9c;color:#fff;text-decoration:none;border-radius:4px">Download ${v.files.length === 1 ? 'your reply' : f.name}</a><br>Or copy this address into your browser: ${f.url}</p>`,
      ),
      `<p>For your security the link works until <strong>${until(v.expiresAt)}</strong> and can be used ${v.maxDownloads} ${v.maxDownloads === 1 ? 'time' : 'times'}; the files are then deleted. Save them somewhere safe. The download is a ZIP file: it holds a report (report.html, which opens in any web browser) and your data as JSON and CSV files (CSV opens in any spreadsheet).</p>`,
      '<p>If the link has expired, reply to this email and we will send a new one. Do not forward this email: anyone with the link can download your data.</p>',
    ]
      .filter(Boolean)
      .join('\n'),
});
