import type { z } from 'zod';

/** Strings in `vars`, HTML-escaped: what a template's `html` receives, so no variable reaches markup raw. */
export type EscapedVars<V> = { readonly [K in keyof V]: V[K] extends string ? string : V[K] extends readonly (infer E)[] ? readonly (E extends string ? string : E)[] : V[K] };

export interface MailTemplate<V = unknown> {
  readonly name: string;
  readonly vars: z.ZodType<V>;
  subject(vars: V): string;
  /** The plain-text body (the layout adds the sign-off). */
  text(vars: V): string;
  /** The HTML body fragment; the layout wraps it. Every string variable arrives HTML-escaped. */
  html(vars: EscapedVars<V>): string;
}

/**
 * Declares an email template with typed, validated variables.
 * @example
 * export const codeTemplate = defineMailTemplate({
 *   name: 'identity.code', vars: z.object({ code: z.string() }),
 *   subject: () => 'Your verification code',
 *   text: (v) => `Your code is ${v.code}.`,
 *   html: (v) => `<p>Your code is <strong>${v.code}</strong>.</p>`,
 * });
 */
export function defineMailTemplate<S extends z.ZodType>(t: {
  name: string;
  vars: S;
  subject(vars: z.output<S>): string;
  text(vars: z.output<S>): string;
  html(vars: EscapedVars<z.output<S>>): string;
}): MailTemplate<z.output<S>> {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(t.name)) throw new Error(`Mail template name "${t.name}" must be lower-case letters, digits, ".", "_" or "-".`);
  return Object.freeze({ ...t }) as unknown as MailTemplate<z.output<S>>;
}
