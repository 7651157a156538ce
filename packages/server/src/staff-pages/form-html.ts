import { escapeHtml } from '@pledge/core';

/** Messages for a form, by field name; `form` holds those about the whole form (wrong password, expired form). */
export type FormErrors = Partial<Record<string, string>>;

export interface FieldSpec {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  autocomplete: string;
  value?: string;
  /** HTML (escaped by the caller). */
  hintHtml?: string;
  error?: string;
  extra?: string;
  className?: string;
}

/** The id of the input for a field, which error summary links point at. */
export const fieldId = (name: string): string => `field-${name}`;

/**
 * One labelled input: the label is tied to it (for/id), the hint and the error are read out with it
 * (aria-describedby), and an invalid field says so (aria-invalid), so screen readers announce what to fix.
 */
export function fieldHtml(f: FieldSpec): string {
  const id = fieldId(f.name);
  const described = [f.hintHtml ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return [
    `<div class="pledge-field">`,
    `<label for="${id}">${escapeHtml(f.label)}</label>`,
    f.hintHtml ? `<div class="pledge-hint" id="${id}-hint">${f.hintHtml}</div>` : '',
    f.error ? `<p class="pledge-field-error" id="${id}-error"><span class="pledge-visually-hidden">Error: </span>${escapeHtml(f.error)}</p>` : '',
    `<input id="${id}" name="${escapeHtml(f.name)}" type="${f.type}" autocomplete="${escapeHtml(f.autocomplete)}"` +
      (f.value !== undefined && f.type !== 'password' ? ` value="${escapeHtml(f.value)}"` : '') +
      (described ? ` aria-describedby="${described}"` : '') +
      (f.error ? ' aria-invalid="true"' : '') +
      (f.className ? ` class="${f.className}"` : '') +
      (f.extra ? ` ${f.extra}` : '') +
      '>',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A hidden field (escaped). */
export const hiddenHtml = (name: string, value: string): string => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

/**
 * The error summary at the top of a form: role="alert" so it is announced when the page comes back, each message
 * linking to its field. Field order follows `order`; the form-wide message comes first.
 */
export function errorSummaryHtml(errors: FormErrors, order: string[]): string {
  const items: string[] = [];
  if (errors.form) items.push(`<li>${escapeHtml(errors.form)}</li>`);
  for (const name of order) {
    const message = errors[name];
    if (message) items.push(`<li><a href="#${fieldId(name)}">${escapeHtml(message)}</a></li>`);
  }
  if (!items.length) return '';
  return `<div class="pledge-alert" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">There is a problem</h2><ul>${items.join('')}</ul></div>`;
}

/** A success or information message, announced politely. */
export const successHtml = (text: string): string => `<div class="pledge-success" role="status"><p>${escapeHtml(text)}</p></div>`;
