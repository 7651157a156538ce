import { escapeHtml } from '@pledge/core';
import { errorSummaryHtml, fieldHtml, hiddenHtml, type FormErrors } from './form-html.js';
import { staffShell } from './staff-shell.js';

const BACK = '<p><a href="/staff">Back to your account</a></p>';

/** Before enrolling: what is needed, and a button that makes the secret (a POST: it changes the account). */
export function mfaStartPage(opts: { csrf: string; enabled: boolean; errors?: FormErrors }): string {
  if (opts.enabled) {
    return staffShell({
      title: 'Two-step verification',
      body: ['<div class="pledge-card">', '<p><span class="pledge-status-on">Two-step verification is on</span> for your account.</p>', '<p>To move it to another app or phone, an API client can turn it off with your password (POST /api/auth/mfa/disable); then set it up again here.</p>', '</div>', BACK].join('\n'),
    });
  }
  const errors = opts.errors ?? {};
  const body = [
    errorSummaryHtml(errors, []),
    '<div class="pledge-card">',
    '<p>After your password, Pledge will ask for a 6-digit code from an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, Aegis or 1Password).</p>',
    '<ol><li>Install an authenticator app if you have none.</li><li>Press the button below: Pledge shows a secret key to add to the app.</li><li>Type the code the app then shows, to confirm.</li><li>Keep the recovery codes Pledge gives you somewhere safe.</li></ol>',
    '<form method="post" action="/staff/mfa">',
    hiddenHtml('_csrf', opts.csrf),
    hiddenHtml('action', 'start'),
    '<div class="pledge-actions"><button type="submit">Show my secret key</button></div>',
    '</form>',
    '</div>',
    BACK,
  ].join('\n');
  return staffShell({ title: 'Set up two-step verification', body, hasErrors: Object.values(errors).some(Boolean) });
}

/** The secret to add to the app (as text to type, and as the otpauth URI to paste), then the code to confirm. */
export function mfaConfirmPage(opts: { csrf: string; secret: string; otpauthUri: string; errors?: FormErrors }): string {
  const errors = opts.errors ?? {};
  const grouped = opts.secret.match(/.{1,4}/g)?.join(' ') ?? opts.secret;
  const body = [
    errorSummaryHtml(errors, ['code']),
    '<div class="pledge-card">',
    '<h2>1. Add Pledge to your authenticator app</h2>',
    '<p>In the app, choose to add an account by entering a key (“enter a setup key” or “manual entry”). Use a time-based key, and type:</p>',
    `<p class="pledge-hint" id="secret-label">Secret key (spaces do not matter)</p><code class="pledge-secret" aria-labelledby="secret-label">${escapeHtml(grouped)}</code>`,
    '<p>Or, if your app (or password manager) accepts a link, paste this:</p>',
    `<p class="pledge-hint" id="uri-label">otpauth link</p><code class="pledge-secret" aria-labelledby="uri-label">${escapeHtml(opts.otpauthUri)}</code>`,
    '</div>',
    '<div class="pledge-card">',
    '<h2>2. Confirm with a code</h2>',
    '<form method="post" action="/staff/mfa" novalidate>',
    hiddenHtml('_csrf', opts.csrf),
    hiddenHtml('action', 'confirm'),
    fieldHtml({ name: 'code', label: 'The 6-digit code the app shows now', type: 'text', autocomplete: 'one-time-code', className: 'pledge-code', error: errors.code, extra: 'inputmode="numeric" spellcheck="false" maxlength="10"' }),
    '<div class="pledge-actions"><button type="submit">Turn on two-step verification</button></div>',
    '</form>',
    '</div>',
    BACK,
  ].join('\n');
  return staffShell({ title: 'Set up two-step verification', body, hasErrors: Object.values(errors).some(Boolean) });
}

/** The recovery codes, shown this once. */
export function mfaDonePage(opts: { recoveryCodes: string[] }): string {
  const body = [
    '<div class="pledge-success" role="status"><p>Two-step verification is on. From now on, signing in asks for a code from your app.</p></div>',
    '<div class="pledge-card">',
    '<h2>Your recovery codes</h2>',
    '<p><strong>Save these now: they are shown only this once.</strong> Print them or keep them in a password manager. If you lose your phone, each code signs you in once instead of a code from the app.</p>',
    `<ul class="pledge-codes">${opts.recoveryCodes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`,
    '</div>',
    '<p><a href="/staff">I have saved them: back to your account</a></p>',
  ].join('\n');
  return staffShell({ title: 'Recovery codes', heading: 'Save your recovery codes', body });
}
