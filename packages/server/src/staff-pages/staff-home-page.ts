import { escapeHtml } from '@pledge/core';
import type { CallerDescription } from '../accounts/describe-caller.js';
import { hiddenHtml, successHtml } from './form-html.js';
import { PERMISSION_WORDS, ROLE_WORDS } from './permission-words.js';
import { staffShell } from './staff-shell.js';

type Me = CallerDescription & { user: NonNullable<CallerDescription['user']> };

/** The sign-out button: a form, since signing out changes state (and a link could be triggered by any page). */
export const signOutFormHtml = (csrf: string): string =>
  ['<form method="post" action="/signout" class="pledge-inline">', hiddenHtml('_csrf', csrf), '<button type="submit" class="pledge-secondary">Sign out</button>', '</form>'].join('\n');

/** The staff home: who you are, what you may do, two-step verification, and where to go. */
export function staffHomePage(opts: { me: Me; csrf: string; requireMfa: boolean; done?: string }): string {
  const { user, permissions } = opts.me;
  const may = (p: (typeof permissions)[number]) => permissions.includes(p);
  const mfa = user.mfaEnabled
    ? '<p><span class="pledge-status-on">On.</span> You sign in with your password and a code from your authenticator app.</p>'
    : [
        `<p><span class="pledge-status-off">Off.</span> ${opts.requireMfa ? 'This Pledge requires two-step verification: until you set it up you can only manage your own account.' : 'Anyone who learns your password can sign in as you. Add a code from an authenticator app on your phone.'}</p>`,
        '<p><a href="/staff/mfa">Set up two-step verification</a></p>',
      ].join('\n');
  const links = [
    '<li><a href="/privacy">The public privacy notice</a></li>',
    '<li><a href="/docs">The API reference</a></li>',
    may('audit:read') ? '<li><a href="/api/audit/export?format=csv">Download the audit trail (CSV)</a></li>' : '',
    may('ropa:read') ? '<li><a href="/api/declarations/current/ropa.xlsx">Download the record of processing (spreadsheet, ICO template)</a></li>' : '',
    may('ropa:read') ? '<li><a href="/api/declarations/current/ropa.csv">Download the record of processing (CSV)</a></li>' : '',
  ].filter(Boolean);
  const body = [
    opts.done === 'mfa' ? successHtml('Two-step verification is on.') : '',
    '<div class="pledge-card">',
    '<h2>Your account</h2>',
    '<dl>',
    `<dt>Name</dt><dd>${escapeHtml(user.name)}</dd>`,
    `<dt>Email</dt><dd>${escapeHtml(user.email)}</dd>`,
    `<dt>Role</dt><dd>${escapeHtml(ROLE_WORDS[user.role])}</dd>`,
    '</dl>',
    '</div>',
    '<div class="pledge-card">',
    '<h2 id="mfa">Two-step verification</h2>',
    mfa,
    '</div>',
    '<div class="pledge-card">',
    '<h2>What you may do</h2>',
    `<p>As ${/^[aeiou]/i.test(ROLE_WORDS[user.role]) ? 'an' : 'a'} ${escapeHtml(ROLE_WORDS[user.role].toLowerCase())} you may:</p>`,
    `<ul>${permissions.map((p) => `<li>${escapeHtml(PERMISSION_WORDS[p])}</li>`).join('')}</ul>`,
    '</div>',
    '<nav aria-labelledby="links-title" class="pledge-card">',
    '<h2 id="links-title">Go to</h2>',
    `<ul class="pledge-links">${links.join('')}</ul>`,
    '</nav>',
    signOutFormHtml(opts.csrf),
  ].filter(Boolean).join('\n');
  return staffShell({ title: 'Your account', heading: `Signed in as ${user.name}`, body });
}
