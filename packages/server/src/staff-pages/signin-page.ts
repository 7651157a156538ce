import { errorSummaryHtml, fieldHtml, hiddenHtml, successHtml, type FormErrors } from './form-html.js';
import { staffShell } from './staff-shell.js';

const DONE: Record<string, string> = {
  setup: 'Your account is ready. Sign in with your email address and the password you have just chosen.',
  signout: 'You have signed out.',
};

/** The sign-in form: email and password. */
export function signInPage(opts: { csrf: string; next: string; email?: string; errors?: FormErrors; done?: string }): string {
  const errors = opts.errors ?? {};
  const body = [
    opts.done && DONE[opts.done] ? successHtml(DONE[opts.done]!) : '',
    errorSummaryHtml(errors, ['email', 'password']),
    '<div class="pledge-card">',
    '<form method="post" action="/signin" novalidate>',
    hiddenHtml('_csrf', opts.csrf),
    hiddenHtml('next', opts.next),
    fieldHtml({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: opts.email ?? '', error: errors.email, extra: 'spellcheck="false" autocapitalize="none" maxlength="254"' }),
    fieldHtml({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', error: errors.password }),
    '<div class="pledge-actions"><button type="submit">Sign in</button></div>',
    '</form>',
    '</div>',
    '<p class="pledge-meta">No account yet? An owner invites you, and you get a one-time link to choose your password. Forgotten your password? Ask an owner for a new setup link.</p>',
  ].filter(Boolean).join('\n');
  return staffShell({ title: 'Sign in', heading: 'Sign in to Pledge', body, hasErrors: Object.values(errors).some(Boolean) });
}

/** The second step: a code from the authenticator app, or a recovery code. */
export function signInCodePage(opts: { csrf: string; next: string; errors?: FormErrors }): string {
  const errors = opts.errors ?? {};
  const body = [
    errorSummaryHtml(errors, ['code']),
    '<div class="pledge-card">',
    '<form method="post" action="/signin/mfa" novalidate>',
    hiddenHtml('_csrf', opts.csrf),
    hiddenHtml('next', opts.next),
    fieldHtml({
      name: 'code',
      label: 'Code from your authenticator app',
      type: 'text',
      autocomplete: 'one-time-code',
      className: 'pledge-code',
      hintHtml: 'The 6-digit code the app shows for Pledge now. Lost your phone? Enter one of your recovery codes instead (XXXX-XXXX-XXXX-XXXX).',
      error: errors.code,
      extra: 'spellcheck="false" autocapitalize="none" maxlength="32"',
    }),
    '<div class="pledge-actions"><button type="submit">Continue</button></div>',
    '</form>',
    '</div>',
    '<form method="post" action="/signout" class="pledge-inline">',
    hiddenHtml('_csrf', opts.csrf),
    '<button type="submit" class="pledge-secondary">Cancel and sign out</button>',
    '</form>',
  ].join('\n');
  return staffShell({ title: 'Two-step verification', body, hasErrors: Object.values(errors).some(Boolean) });
}
