import { escapeHtml, formatDate, formatPence, REGION_NAMES } from '@pledge/core';
import type { RequestView } from './read-requests.js';

const CSS = `
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; border: 1px solid #bbb; padding: .3rem .45rem; }
th { background: #f1f1f1; width: 14rem; } .muted { color: #555; } pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0; }
ol.steps { padding-left: 1.4rem; } @media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

const e = (v: string | null | undefined) => escapeHtml(v ?? '');
const d = (v: string | null) => (v ? `${e(formatDate(v))} <span class="muted">(${e(v)})</span>` : '<span class="muted">none</span>');
const t = (v: string | null) => (v ? `<time datetime="${e(v)}">${e(v.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time>` : '<span class="muted">none</span>');
const row = (label: string, html: string) => `<tr><th scope="row">${e(label)}</th><td>${html}</td></tr>`;

const CHANNEL_WORDS: Record<string, string> = { web: 'the privacy centre (web form)', email: 'email', letter: 'letter', phone: 'phone', in_person: 'in person', preference_centre: 'the preference centre (an objection made through the link emailed to the person)' };

const METHOD_WORDS = { calendar_month: 'one calendar month (the ICO\'s method)', fixed_28_days: 'a fixed 28 days (also accepted by the ICO)' } as const;
const COUNTING_WORDS = { resume_day_after_answer: 'the clock resumes the day after the answer', both_days_paused: 'the day asked and the day answered are both paused' } as const;

/** The settings the due date was computed with: those stored with the request's clock (or the current ones for an older row). */
function settingsWords(s: RequestView['clock']['settings']): string {
  const words = `${e(METHOD_WORDS[s.method])}; clarification: ${e(COUNTING_WORDS[s.pauseCounting])}; ${e(REGION_NAMES[s.region])} bank holidays`;
  return s.stored ? words : `${words} <span class="muted">(the current settings: this request was stored before the settings were kept with it)</span>`;
}

/**
 * The record of one request for the regulator or an auditor (ICO: be able to show how a request was handled): the
 * dates, the clock's computation step by step (pauses, relevant-time moves, extension), every action in order, the
 * tasks with evidence, the Art 19 notifications, and the reply. Print-friendly HTML, no script; every value escaped.
 */
export function requestRecordHtml(r: RequestView, generatedAt: Date): string {
  const clock = r.clock;
  const body = [
    `<h1>Rights request ${e(r.ref)}: ${e(r.title)}</h1>`,
    `<p class="muted">${e(r.article)}. Record generated ${t(generatedAt.toISOString())}.</p>`,
    '<h2>Dates</h2><table>',
    row('Status', e(r.statusWords)),
    row('Sent', t(r.createdAt)),
    row('Received (day 0)', d(r.receivedOn)),
    row('Relevant time (period runs from)', d(r.relevantTime)),
    row('Due', `${d(r.dueDate)}${r.deadline ? ` by the end of the day Europe/London (${t(r.deadline)})` : ''}${r.dueApplied === 'promise' ? ' — the declaration\'s shorter promise applies' : r.dueApplied ? ' — the statutory period applies' : ''}`),
    row('Statutory due date (one month)', d(clock.statutoryDueDate)),
    row('Promised due date', d(clock.promiseDueDate)),
    row('Extension notice deadline', d(clock.extensionNoticeDeadline)),
    row('Extended', r.extended ? 'Yes (Art 12(3))' : 'No'),
    row('Days the clock was stopped', String(r.pausedDays)),
    row('Approved', r.approvedAt ? `${t(r.approvedAt)} by ${e(r.approvedBy)}` : '<span class="muted">no</span>'),
    row('Closed', t(r.completedAt)),
    row('Declaration version in force', r.declarationVersion === null ? '<span class="muted">none published</span>' : String(r.declarationVersion)),
    row('Earlier requests from the same address (12 months)', String(r.repeatsInLast12Months)),
    '</table>',
    '<h2>How the due date was computed</h2>',
    `<p>Settings: ${settingsWords(clock.settings)}.</p>`,
    `<ol class="steps">${clock.steps.map((s) => `<li>${e(s)}</li>`).join('')}</ol>`,
    clock.warnings.length ? `<p><strong>Warnings:</strong></p><ul>${clock.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : '',
    clock.citations.length ? `<p class="muted">Sources: ${clock.citations.map(e).join('; ')}.</p>` : '',
    '<h2>The request</h2><table>',
    row('Type', e(r.type)),
    row('Received by', e(CHANNEL_WORDS[r.channel] ?? r.channel)),
    row('Email address', r.email ? e(r.email) : '<span class="muted">none given</span>'),
    r.contact ? row('Postal address or phone', `<pre>${e(r.contact)}</pre>`) : '',
    row('Name', e(r.name) || '<span class="muted">not given</span>'),
    r.onBehalfOf ? row('Asked on behalf of', `${e(r.onBehalfOf.name)}${r.onBehalfOf.relationship ? ` (${e(r.onBehalfOf.relationship)})` : ''}`) : '',
    r.fee
      ? row(
          `Fee (${r.fee.article})`,
          `${e(formatPence(r.fee.amountPence))}: ${e(r.fee.groundWords)}; asked ${d(r.fee.askedOn)}; ${r.fee.paidOn ? `paid ${d(r.fee.paidOn)}` : r.fee.unpaidClosedOn ? `not paid, closed ${d(r.fee.unpaidClosedOn)}` : 'not paid yet'}`,
        )
      : '',
    row("In the person's words", r.details ? `<pre>${e(r.details)}</pre>` : '<span class="muted">nothing written</span>'),
    r.customer ? row('Held for customer (processor mode)', `${e(r.customer.name)}${r.customer.email ? ` &lt;${e(r.customer.email)}&gt;` : ''}; instruction due ${d(r.customer.dueDate)}`) : '',
    '</table>',
    '<h2>Actions</h2><table><thead><tr><th scope="col">When</th><th scope="col">What</th></tr></thead><tbody>',
    ...r.timeline.map((x) => `<tr><td>${t(x.at)}<br><span class="muted">${e(x.actor.type)}${x.actor.id ? ` ${e(x.actor.id)}` : ''}</span></td><td>${e(x.summary)}${x.text ? `<pre>${e(x.text)}</pre>` : ''}</td></tr>`),
    '</tbody></table>',
    '<h2>Systems searched and acted on</h2><table><thead><tr><th scope="col">System</th><th scope="col">Outcome and evidence</th></tr></thead><tbody>',
    ...r.tasks.map((k) => `<tr><td>${e(k.system)}<br><span class="muted">${e(k.action)}${k.dueDate ? `; due ${e(k.dueDate)}` : ''}</span></td><td>${e(k.status.replace('_', ' '))}${k.tickedAt ? ` (${t(k.tickedAt)})` : ''}${k.evidence ? `<pre>${e(k.evidence)}</pre>` : ''}</td></tr>`),
    '</tbody></table>',
    r.notifications.length
      ? ['<h2>Recipients told (Art 19)</h2><table><tbody>', ...r.notifications.map((n) => `<tr><td>${e(n.recipientName)}${n.category ? ' (a category: told only if data went to one)' : ''}${n.via?.length ? `<br>via ${e(n.via.join(', '))}` : ''}</td><td>${e(n.status.replace('_', ' '))}${n.doneAt ? ` (${t(n.doneAt)})` : ''}${n.evidence ? `<pre>${e(n.evidence)}</pre>` : ''}</td></tr>`), '</tbody></table>'].join('')
      : '',
    '<h2>Reply sent</h2>',
    r.reply ? `<pre>${e(r.reply)}</pre>${r.attachmentIds.length ? `<p class="muted">Attachments: ${r.attachmentIds.map(e).join(', ')}</p>` : ''}` : '<p class="muted">No reply sent yet.</p>',
  ].join('\n');
  return `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Record of rights request ${e(r.ref)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>\n`;
}
