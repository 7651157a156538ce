import { escapeHtml } from '@pledge/core';
import { PASSWORD_MIN_LENGTH } from '../accounts/check-password-policy.js';
import { errorSummaryHtml, fieldHtml, hiddenHtml, type FormErrors } from './form-html.js';
import type { SetupLink } from './inspect-setup-link.js';
import { staffShell } from './staff-shell.js';

export const PASSWORD_RULES_HTML = `<ul><li>at least ${PASSWORD_MIN_LENGTH} characters (longer is better)</li><li>any characters, spaces too: a few unrelated words make a good password</li><li>not a well-known password, and not containing your email address or name</li></ul>`;

/** The setup form: the first owner's email, name and password, or an invited user's password only. */
export function setupFormPage(opts: { link: Extract<SetupLink, { state: 'valid' }>; token: string; csrf: string; values?: { email?: string; name?: string }; errors?: FormErrors }): string {
  const { link, errors = {}, values = {} } = opts;
  const owner = link.purpose === 'owner';
  const order = owner ? ['email', 'name', 'password'] : ['password'];
  const intro = owner
    ? '<p>Pledge has no accounts yet. Create the first one: the <strong>owner</strong>, who can do everything, including inviting colleagues.</p>'
    : `<p>Choose a password for <strong>${escapeHtml(link.name)}</strong> (${escapeHtml(link.email)}). You will sign in with this email address.</p>`;
  const fields = [
    owner ? fieldHtml({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: values.email ?? '', hintHtml: 'You will sign in with it.', error: errors.email, extra: 'spellcheck="false" autocapitalize="none" maxlength="254"' }) : '',
    owner ? fieldHtml({ name: 'name', label: 'Your name', type: 'text', autocomplete: 'name', value: values.name ?? '', hintHtml: 'As colleagues know you: it is shown in the audit trail.', error: errors.name, extra: 'maxlength="200"' }) : '',
    fieldHtml({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hintHtml: `Your password must have:${PASSWORD_RULES_HTML}`, error: errors.password }),
  ];
  const body = [
    errorSummaryHtml(errors, order),
    '<div class="pledge-card">',
    intro,
    `<p class="pledge-meta">This link works once, until ${escapeHtml(link.expiresAt.toISOString().replace('T', ' ').slice(0, 16))} UTC.</p>`,
    '<form method="post" action="/setup" novalidate>',
    hiddenHtml('_csrf', opts.csrf),
    hiddenHtml('token', opts.token),
    ...fields.filter(Boolean),
    `<div class="pledge-actions"><button type="submit">${owner ? 'Create the owner account' : 'Set my password'}</button></div>`,
    '</form>',
    '</div>',
  ].join('\n');
  return staffShell({ title: owner ? 'Set up Pledge' : 'Choose your password', body, hasErrors: Object.values(errors).some(Boolean) });
}

const REASONS: Record<Exclude<SetupLink['state'], 'valid'>, string> = {
  missing: 'This address has no setup token in it. Open the whole link, exactly as it was printed or sent to you (it ends with ?token= and a long code).',
  unknown: 'This setup link is not valid. It may be incomplete: copy the whole link, exactly as it was printed or sent to you.',
  used: 'This setup link has already been used: each link works once. If you chose your password with it, sign in.',
  expired: 'This setup link has expired: a link works for 24 hours.',
  owner_exists: 'Pledge already has an owner, so this first-run link can no longer be used. Sign in, or ask an owner to invite you.',
  account_gone: 'This setup link belongs to an account that no longer exists or has been disabled. Ask an owner.',
};

/** Why a setup link cannot be used, and how to get a new one. `message` overrides the reason (from completeSetup). */
export function invalidSetupLinkPage(link: SetupLink, message?: string): string {
  const reason = message ?? (link.state === 'valid' ? '' : link.state === 'expired' ? `${REASONS.expired} It expired at ${link.expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC.` : REASONS[link.state]);
  const body = [
    `<div class="pledge-alert" role="alert"><p>${escapeHtml(reason)}</p></div>`,
    '<div class="pledge-card">',
    '<h2>How to get a new link</h2>',
    '<ul>',
    '<li>If you were invited: ask an owner of your Pledge to send you a new setup link.</li>',
    '<li>If you are setting Pledge up: on the server, run <code>pledge user create --email you@example.com --name "Your Name" --role owner</code>. It prints a new setup link, valid for 24 hours. (While Pledge has no accounts, restarting it also logs a new first-run link.)</li>',
    '</ul>',
    '<p>Already have a password? <a href="/signin">Sign in</a>.</p>',
    '</div>',
  ].join('\n');
  return staffShell({ title: 'This setup link cannot be used', body });
}
