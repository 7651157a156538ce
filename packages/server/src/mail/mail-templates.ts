import { z } from 'zod';
import { defineMailTemplate, type MailTemplate } from './define-mail-template.js';
import { RIGHTS_MAIL_TEMPLATES } from '../rights/rights-mail-templates.js';
import { replyReadyTemplate } from '../replies/reply-mail-template.js';

/** A general message: a greeting, paragraphs and an optional link. For notices that need no template of their own. */
export const messageTemplate = defineMailTemplate({
  name: 'message',
  vars: z.object({
    subject: z.string().min(1).max(200),
    greeting: z.string().max(200).optional(),
    paragraphs: z.array(z.string().max(5000)).min(1).max(50),
    link: z.object({ url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s) address'), label: z.string().max(200) }).optional(),
  }),
  subject: (v) => v.subject,
  text: (v) => [v.greeting, ...v.paragraphs, v.link ? `${v.link.label}: ${v.link.url}` : undefined].filter(Boolean).join('\n\n'),
  html: (v) =>
    [v.greeting ? `<p>${v.greeting}</p>` : '', ...v.paragraphs.map((p) => `<p>${p}</p>`), v.link ? `<p><a href="${v.link.url}">${v.link.label}</a></p>` : ''].filter(Boolean).join('\n'),
});

/**
 * Every mail template, by name. Each capability adds its templates here (one line), so the names are unique and
 * listed in one place.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- templates of every variable type
export const MAIL_TEMPLATES: readonly MailTemplate<any>[] = [
  messageTemplate,
  ...RIGHTS_MAIL_TEMPLATES,
  replyReadyTemplate,
];
