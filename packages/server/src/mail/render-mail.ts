import { PledgeError } from '../errors/pledge-error.js';
import type { EscapedVars, MailTemplate } from './define-mail-template.js';
import { escapeHtml } from './escape-html.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Escapes every string (also inside arrays and nested objects) so a template's html cannot forget to. */
function escapeDeep(v: unknown): unknown {
  if (typeof v === 'string') return escapeHtml(v);
  if (Array.isArray(v)) return v.map(escapeDeep);
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDeep(x)]));
  return v;
}

/**
 * Renders a template inside the layout: the organisation's name in the header and sign-off. Validates the
 * variables first, with an error naming the template and the field.
 */
export function renderMail<V>(template: MailTemplate<V>, vars: V, layout: { organisationName: string }): RenderedMail {
  const parsed = template.vars.safeParse(vars);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(vars)'}: ${i.message}`);
    throw new PledgeError('invalid_input', `The variables for mail template ${template.name} are not valid: ${issues.join('; ')}.`, { template: template.name, issues });
  }
  const v = parsed.data;
  const org = layout.organisationName;
  const subject = template.subject(v).replace(/[\r\n]+/g, ' ').trim();
  const text = `${template.text(v).trim()}\n\n-- \n${org}\n`;
  const body = template.html(escapeDeep(v) as EscapedVars<V>);
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 36rem; margin: 0 auto; padding: 1rem">
<header style="border-bottom: 1px solid #ddd; padding-bottom: .5rem; margin-bottom: 1rem"><strong>${escapeHtml(org)}</strong></header>
<main>
${body}
</main>
<footer style="border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .5rem; font-size: .85rem; color: #555">${escapeHtml(org)}</footer>
</body></html>
`;
  return { subject, text, html };
}
