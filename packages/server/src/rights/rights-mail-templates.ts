import { z } from 'zod';
import { defineMailTemplate } from '../mail/define-mail-template.js';

const Link = z.object({ url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s) address'), label: z.string().max(200) });

/** The one-time code and link that confirm a person's email address (the request is not acted on before). */
export const rightsCodeTemplate = defineMailTemplate({
  name: 'rights.code',
  vars: z.object({ code: z.string().regex(/^\d{6}$/), link: z.string().regex(/^https?:\/\/[^\s]+$/), minutes: z.number().int(), requestTitle: z.string().max(200) }),
  subject: (v) => `Your code: ${v.code}`,
  text: (v) =>
    [
      `Someone (we hope you) asked us for: ${v.requestTitle}.`,
      `To confirm it is you, enter this code on the page: ${v.code}`,
      `Or open this link: ${v.link}`,
      `The code and the link work once, for ${v.minutes} minutes. If you did not ask, ignore this email: nothing will happen.`,
    ].join('\n\n'),
  html: (v) =>
    [
      `<p>Someone (we hope you) asked us for: ${v.requestTitle}.</p>`,
      `<p>To confirm it is you, enter this code on the page:</p>`,
      `<p style="font-size:1.6rem;font-weight:700;letter-spacing:.2em">${v.code}</p>`,
      `<p>Or <a href="${v.link}">confirm with this link</a>.</p>`,
      `<p>The code and the link work once, for ${v.minutes} minutes. If you did not ask, ignore this email: nothing will happen.</p>`,
    ].join('\n'),
});

/** Any message to the person about their request: acknowledgement, clarification, extension, refusal, completion. */
export const rightsNoticeTemplate = defineMailTemplate({
  name: 'rights.notice',
  vars: z.object({
    subject: z.string().min(1).max(200),
    paragraphs: z.array(z.string().max(200_000)).min(1).max(60),
    link: Link.optional(),
  }),
  subject: (v) => v.subject,
  text: (v) => [...v.paragraphs, v.link ? `${v.link.label}: ${v.link.url}` : undefined].filter(Boolean).join('\n\n'),
  html: (v) => [...v.paragraphs.map((p) => `<p style="white-space:pre-wrap">${p}</p>`), v.link ? `<p><a href="${v.link.url}">${v.link.label}</a></p>` : ''].filter(Boolean).join('\n'),
});

/** Messages to staff or to a customer (processor mode): reminders, escalations, a request passed on. */
export const rightsStaffTemplate = defineMailTemplate({
  name: 'rights.staff',
  vars: z.object({ subject: z.string().min(1).max(200), paragraphs: z.array(z.string().max(200_000)).min(1).max(60), link: Link.optional() }),
  subject: (v) => v.subject,
  text: (v) => [...v.paragraphs, v.link ? `${v.link.label}: ${v.link.url}` : undefined].filter(Boolean).join('\n\n'),
  html: (v) => [...v.paragraphs.map((p) => `<p style="white-space:pre-wrap">${p}</p>`), v.link ? `<p><a href="${v.link.url}">${v.link.label}</a></p>` : ''].filter(Boolean).join('\n'),
});

export const RIGHTS_MAIL_TEMPLATES = [rightsCodeTemplate, rightsNoticeTemplate, rightsStaffTemplate];
