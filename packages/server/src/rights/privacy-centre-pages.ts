import { escapeHtml, FEE_GROUND_WORDS, formatDate, formatPence, NOTICE_CSS, type RequestFee, REQUEST_TYPE_WORDS, REQUEST_TYPES, STATUS_WORDS, type Declaration, type RequestStatus, type RequestType } from '@pledge/core';
import { errorSummaryHtml, fieldHtml, fieldId, hiddenHtml, type FormErrors } from '../staff-pages/form-html.js';
import { STAFF_CSS } from '../staff-pages/staff-shell.js';
import { AUTHORITY_ASK } from './start-request.js';

/** The privacy centre's own rules on top of the staff pages' form styles: text areas, radio choices, the list of rights. */
const CENTRE_CSS = `
body { background: #ffffff; }
.pledge-centre textarea { display: block; width: 100%; min-height: 8rem; padding: 0.55rem 0.75rem; font: inherit; font-size: 1.0625rem; border: 2px solid #616e7c; border-radius: 6px; }
.pledge-centre textarea:focus-visible, .pledge-centre input[type="radio"]:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.pledge-centre textarea[aria-invalid="true"] { border-color: var(--pledge-error); border-width: 3px; }
.pledge-centre fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; }
.pledge-centre legend { font-weight: 600; margin: 0 0 0.4rem; }
.pledge-centre .pledge-radio { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0 0 0.6rem; }
.pledge-centre .pledge-radio input { width: 1.5rem; height: 1.5rem; margin: 0.1rem 0 0; flex: none; }
.pledge-centre .pledge-radio label { font-weight: 400; margin: 0; }
.pledge-centre ul.pledge-choices { list-style: none; padding: 0; margin: 0 0 1.5rem; }
.pledge-centre ul.pledge-choices li { margin: 0 0 0.75rem; }
.pledge-centre ul.pledge-choices a { display: block; padding: 0.85rem 1rem; border: 2px solid var(--pledge-border); border-radius: 8px; text-decoration: none; color: var(--pledge-text); }
.pledge-centre ul.pledge-choices a:hover { border-color: var(--pledge-accent); }
.pledge-centre ul.pledge-choices a strong { display: block; color: var(--pledge-accent); font-size: 1.1rem; text-decoration: underline; }
.pledge-centre .pledge-quote { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 4px solid var(--pledge-border); padding: 0.25rem 0.85rem; margin: 0 0 1rem; }
`;

const e = escapeHtml;

/** A page of the privacy centre: the public notice's look, no JavaScript, readable on a phone. Title is text; body is escaped HTML. */
export function centrePage(opts: { title: string; org: string; body: string; hasErrors?: boolean; lang?: string }): string {
  return [
    '<!doctype html>',
    `<html lang="${e(opts.lang || 'en-GB')}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${e(`${opts.hasErrors ? 'Error: ' : ''}${opts.title} – ${opts.org}`)}</title>`,
    `<style>${NOTICE_CSS}${STAFF_CSS}${CENTRE_CSS}</style>`,
    '</head>',
    '<body>',
    '<main class="pledge-notice pledge-staff pledge-centre">',
    `<header><p class="pledge-org">${e(opts.org)} · Privacy centre</p><h1>${e(opts.title)}</h1></header>`,
    opts.body,
    '<p><a href="/privacy">Read our privacy notice</a> · <a href="/privacy/requests">Make a request</a></p>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** GET /privacy/requests: what do you want? One option per right, in plain words, and "something else". */
export function choosePage(org: string): string {
  const items = REQUEST_TYPES.map((t) => {
    const w = REQUEST_TYPE_WORDS[t];
    return `<li><a href="/privacy/requests/new/${t}"><strong>${e(w.choice)}</strong>${e(w.explanation)}</a></li>`;
  });
  return centrePage({
    title: 'What would you like us to do?',
    org,
    body: [
      `<p>You have rights over the personal data ${e(org)} holds about you. Choose what you want; you do not need to know the law or use legal words. It is free.</p>`,
      `<ul class="pledge-choices">${items.join('')}</ul>`,
      '<p>We will email you a code to confirm it is you, then reply within one month at the latest.</p>',
    ].join('\n'),
  });
}

export interface FormValues {
  email?: string;
  name?: string;
  details?: string;
  directMarketing?: string;
  about?: string;
  customerName?: string;
  /** 'yes' when asking on behalf of someone else. */
  onBehalf?: string;
  onBehalfName?: string;
  relationship?: string;
}

function textareaHtml(name: string, label: string, hint: string, value: string, error?: string, required = false): string {
  const id = fieldId(name);
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return [
    '<div class="pledge-field">',
    `<label for="${id}">${e(label)}</label>`,
    `<div class="pledge-hint" id="${id}-hint">${e(hint)}</div>`,
    error ? `<p class="pledge-field-error" id="${id}-error"><span class="pledge-visually-hidden">Error: </span>${e(error)}</p>` : '',
    // No maxlength: a browser cuts a long paste silently; the server refuses over-long text with a message that says
    // how long it is and the limit, keeping what was typed (clean-text.ts).
    `<textarea id="${id}" name="${name}" rows="6" aria-describedby="${described}"${required ? ' required' : ''}${error ? ' aria-invalid="true"' : ''}>${e(value)}</textarea>`,
    '</div>',
  ].join('\n');
}

/** A file input: the label, the hint (types and size), the error; PDF and images only are offered by the picker. */
function fileFieldHtml(name: string, label: string, hint: string, error?: string): string {
  const id = fieldId(name);
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return [
    '<div class="pledge-field">',
    `<label for="${id}">${e(label)}</label>`,
    `<div class="pledge-hint" id="${id}-hint">${e(hint)}</div>`,
    error ? `<p class="pledge-field-error" id="${id}-error"><span class="pledge-visually-hidden">Error: </span>${e(error)}</p>` : '',
    `<input type="file" id="${id}" name="${name}" accept="application/pdf,image/png,image/jpeg,image/gif,image/webp" aria-describedby="${described}"${error ? ' aria-invalid="true"' : ''}>`,
    '</div>',
  ].join('\n');
}

function radiosHtml(name: string, legend: string, options: { value: string; label: string }[], selected: string | undefined, error?: string): string {
  const id = fieldId(name);
  return [
    `<fieldset id="${id}"${error ? ` aria-describedby="${id}-error"` : ''}>`,
    `<legend>${e(legend)}</legend>`,
    error ? `<p class="pledge-field-error" id="${id}-error"><span class="pledge-visually-hidden">Error: </span>${e(error)}</p>` : '',
    ...options.map((o, i) => `<div class="pledge-radio"><input type="radio" id="${id}-${i}" name="${name}" value="${e(o.value)}"${selected === o.value ? ' checked' : ''}><label for="${id}-${i}">${e(o.label)}</label></div>`),
    '</fieldset>',
  ].join('\n');
}

/** GET /privacy/requests/new/:type: the form for one right. */
export function requestFormPage(opts: { type: RequestType; org: string; csrf: string; declaration: Declaration | undefined; values?: FormValues; errors?: FormErrors }): string {
  const w = REQUEST_TYPE_WORDS[opts.type];
  const v = opts.values ?? {};
  const errors = opts.errors ?? {};
  const activities = opts.declaration?.processor_activities ?? [];
  const fields = [
    fieldHtml({ name: 'email', label: 'Your email address', type: 'email', autocomplete: 'email', value: v.email ?? '', hintHtml: 'We send a code to it to confirm it is you, and reply to it.', ...(errors.email ? { error: errors.email } : {}), extra: 'required maxlength="254" spellcheck="false"' }),
    fieldHtml({ name: 'name', label: 'Your name (optional)', type: 'text', autocomplete: 'name', value: v.name ?? '', ...(errors.name ? { error: errors.name } : {}), extra: 'maxlength="200"' }),
    opts.type === 'objection'
      ? radiosHtml(
          'directMarketing',
          'What do you object to?',
          [
            { value: 'yes', label: 'Marketing: emails, messages or adverts about our products (this stops at once)' },
            { value: 'no', label: 'Another use of my data' },
          ],
          v.directMarketing,
          errors.directMarketing,
        )
      : '',
    // Someone acting for another person (ICO: requests made on behalf of others); without JavaScript the fields are always shown.
    radiosHtml(
      'onBehalf',
      'Who is this request about?',
      [
        { value: 'no', label: 'Me' },
        { value: 'yes', label: 'Someone else: I am asking on their behalf' },
      ],
      v.onBehalf === 'yes' ? 'yes' : 'no',
      errors.onBehalf,
    ),
    fieldHtml({
      name: 'onBehalfName',
      label: 'If someone else: their name',
      type: 'text',
      value: v.onBehalfName ?? '',
      autocomplete: 'off',
      hintHtml: e('Before we start, we will ask you for evidence that you may act for them.'),
      ...(errors.onBehalfName ? { error: errors.onBehalfName } : {}),
      extra: 'maxlength="200"',
    }),
    fieldHtml({ name: 'relationship', label: 'If someone else: how you are related to them, or why you act for them', type: 'text', autocomplete: 'off', value: v.relationship ?? '', hintHtml: e('For example their parent, solicitor, carer or attorney.'), ...(errors.relationship ? { error: errors.relationship } : {}), extra: 'maxlength="200"' }),
    activities.length
      ? radiosHtml(
          'about',
          `How did ${opts.org} get your data?`,
          [{ value: '', label: `From my own dealings with ${opts.org}` }, ...activities.map((a) => ({ value: a.id, label: `An organisation gave it to ${opts.org}: ${a.name}` }))],
          v.about ?? '',
          errors.about,
        ) +
        fieldHtml({ name: 'customerName', label: 'If an organisation gave us your data, which one? (optional)', type: 'text', autocomplete: 'organization', value: v.customerName ?? '', hintHtml: 'For example your school, college or employer.', ...(errors.customerName ? { error: errors.customerName } : {}), extra: 'maxlength="300"' })
      : '',
    textareaHtml('details', w.detailsLabel, w.detailsHint, v.details ?? '', errors.details, w.detailsRequired),
  ];
  return centrePage({
    title: w.title,
    org: opts.org,
    hasErrors: Object.keys(errors).length > 0,
    body: [
      errorSummaryHtml(errors, ['email', 'name', 'directMarketing', 'about', 'customerName', 'onBehalf', 'onBehalfName', 'relationship', 'details']),
      `<p>${e(w.explanation)}</p>`,
      `<form method="post" action="/privacy/requests/new/${opts.type}" novalidate>`,
      hiddenHtml('_csrf', opts.csrf),
      ...fields,
      '<button type="submit">Send request</button>',
      '</form>',
    ].join('\n'),
  });
}

/** The code step: enter the 6 digits, or ask for a new code. */
export function verifyPage(opts: { org: string; csrf: string; verificationId: string; errors?: FormErrors; notice?: string }): string {
  const errors = opts.errors ?? {};
  return centrePage({
    title: 'Check your email',
    org: opts.org,
    hasErrors: Object.keys(errors).length > 0,
    body: [
      errorSummaryHtml(errors, ['code']),
      opts.notice ? `<div class="pledge-success" role="status"><p>${e(opts.notice)}</p></div>` : '',
      '<p>We sent a 6-digit code to your email address. Enter it here to confirm the request is yours, or open the link in the email. The code works for 15 minutes.</p>',
      `<form method="post" action="/privacy/requests/verify/${e(opts.verificationId)}" novalidate>`,
      hiddenHtml('_csrf', opts.csrf),
      fieldHtml({ name: 'code', label: 'Code', type: 'text', autocomplete: 'one-time-code', className: 'pledge-code', ...(errors.code ? { error: errors.code } : {}), extra: 'inputmode="numeric" pattern="[0-9 ]*" maxlength="12" required' }),
      '<button type="submit">Confirm</button>',
      '</form>',
      `<form method="post" action="/privacy/requests/verify/${e(opts.verificationId)}/resend">`,
      hiddenHtml('_csrf', opts.csrf),
      "<p>No email? Check your spam folder, or</p><button type=\"submit\" class=\"pledge-secondary\">Send me a new code</button>",
      '</form>',
    ].join('\n'),
  });
}

/** The emailed link's page: a button, so a mail scanner opening the link confirms nothing. */
export function confirmLinkPage(opts: { org: string; csrf: string; token: string }): string {
  return centrePage({
    title: 'Confirm your request',
    org: opts.org,
    body: [`<form method="post" action="/privacy/requests/confirm/${e(opts.token)}">`, hiddenHtml('_csrf', opts.csrf), '<p>Press the button to confirm the request is yours.</p>', '<button type="submit">Confirm my request</button>', '</form>'].join('\n'),
  });
}

/** After confirmation. */
export function receivedPage(opts: { org: string; ref: string; dueDate: string | null; promise: boolean }): string {
  return centrePage({
    title: 'Request received',
    org: opts.org,
    body: [
      `<div class="pledge-success" role="status"><p>Thank you: your request ${e(opts.ref)} is confirmed.</p></div>`,
      opts.dueDate ? `<p>We will reply by <strong>${e(formatDate(opts.dueDate))}</strong> at the latest${opts.promise ? ', as our privacy notice promises' : ''}, and sooner if we can.</p>` : '',
      '<p>We have emailed you an acknowledgement with a private link to follow your request.</p>',
    ].join('\n'),
  });
}

const NEXT_STEPS: Record<RequestStatus, string> = {
  unverified: 'Confirm your email address with the code we sent.',
  received: 'Someone will pick up your request shortly.',
  in_progress: 'We are searching our systems and acting on your request. We will email you our reply.',
  awaiting_clarification: 'We asked you a question (below). The time we have to reply is paused until you answer.',
  awaiting_identity: 'We asked for proof that the request comes from you (below). The time we have to reply starts when we receive it.',
  awaiting_authority: 'You told us you are asking for someone else. We need evidence that you may act for them (below). The time we have to reply starts when we receive it.',
  awaiting_fee: 'We asked a fee before acting on this request (below). The time we have to reply starts on the day we receive the fee.',
  awaiting_customer: 'The organisation responsible for your data decides what to do; we have passed your request to them and will carry out their instructions.',
  completed: 'We have sent you our reply by email.',
  refused: 'We have emailed you our decision and the reasons. You can complain to the Information Commissioner\'s Office (ico.org.uk) or go to court.',
};

/** The person's private status page. */
export function statusPage(opts: {
  org: string;
  csrf: string;
  token: string;
  ref: string;
  type: RequestType;
  status: RequestStatus;
  receivedOn: string | null;
  dueDate: string | null;
  /** The clock is stopped now (a clarification asked in time). A question asked after the period ran out does not stop it. */
  paused?: boolean;
  question: string | null;
  /** The fee asked, if any. */
  fee?: RequestFee | null;
  /** The right to complain to the ICO, in words (complaintRights). */
  complaint?: string;
  sent?: boolean;
  errors?: FormErrors;
  /** Proof of identity: documents already sent, the size limit and the accepted types in words. */
  identity?: { documentsSent: number; maxBytes: number; allowed: string };
}): string {
  const errors = opts.errors ?? {};
  const canAnswer = opts.status === 'awaiting_clarification';
  const canProve = opts.status === 'awaiting_identity' || opts.status === 'awaiting_authority';
  const authority = opts.status === 'awaiting_authority';
  const fee = opts.fee ?? null;
  const unpaid = opts.status === 'refused' && fee?.unpaidClosedOn !== undefined;
  const mb = Math.round(((opts.identity?.maxBytes ?? 10 * 1024 * 1024) / 1024 / 1024) * 10) / 10;
  const sent = opts.identity?.documentsSent ?? 0;
  return centrePage({
    title: `Your request ${opts.ref}`,
    org: opts.org,
    hasErrors: Object.keys(errors).length > 0,
    body: [
      errorSummaryHtml(errors, ['document', 'answer']),
      opts.sent ? '<div class="pledge-success" role="status"><p>Thank you: we have your answer.</p></div>' : '',
      '<dl>',
      `<dt>Request</dt><dd>${e(REQUEST_TYPE_WORDS[opts.type].title)}</dd>`,
      `<dt>Status</dt><dd>${e(unpaid ? 'Closed: the fee was not paid' : STATUS_WORDS[opts.status])}</dd>`,
      opts.receivedOn ? `<dt>Received</dt><dd>${e(formatDate(opts.receivedOn))}</dd>` : '',
      opts.dueDate && !['completed', 'refused'].includes(opts.status) ? `<dt>Reply due by</dt><dd>${e(formatDate(opts.dueDate))}</dd>` : '',
      '</dl>',
      `<h2>What happens next</h2><p>${e(
        unpaid
          ? 'We asked a fee before acting on this request and did not receive it, so we closed the request without acting on it. You can pay the fee and make the request again.'
          : opts.status === 'awaiting_clarification' && !opts.paused
            ? 'We asked you a question (below). Please answer it so we can finish your request; we are still working to reply as soon as we can.'
            : NEXT_STEPS[opts.status],
      )}</p>`,
      fee ? feeHtml(fee, opts.status === 'awaiting_fee', opts.complaint) : '',
      (canAnswer || canProve) && opts.question ? `<h2>${canProve ? 'What we asked for' : 'Our question'}</h2><div class="pledge-quote">${e(opts.question)}</div>` : '',
      authority && !opts.question ? `<h2>What we need</h2><p>${e(AUTHORITY_ASK.replace(/ You can send it using the link below\./, ''))}</p>` : '',
      canProve
        ? [
            `<h2>${authority ? 'Send the evidence' : 'Send your proof'}</h2>`,
            sent ? `<p>We have received ${sent} document${sent === 1 ? '' : 's'} from you. You can send another if we asked for more.</p>` : '',
            `<form method="post" action="/privacy/requests/status/${e(opts.token)}/identity" enctype="multipart/form-data" novalidate>`,
            hiddenHtml('_csrf', opts.csrf),
            fileFieldHtml(
              'document',
              'A document (optional)',
              `A scan or photo: ${opts.identity?.allowed ?? 'a PDF or an image'}, at most ${mb} MB. We use it only to check ${authority ? 'that you may act for the person' : 'it is you'}, and delete it after your request is closed.`,
              errors.document,
            ),
            textareaHtml('answer', 'A message (optional)', authority ? 'Anything you want to tell us about the evidence, for example how you are related to the person.' : 'Anything you want to tell us about your proof, or your answer if we asked a question.', '', errors.answer),
            '<button type="submit">Send</button>',
            '</form>',
          ].join('\n')
        : '',
      canAnswer
        ? [`<form method="post" action="/privacy/requests/status/${e(opts.token)}/answer" novalidate>`, hiddenHtml('_csrf', opts.csrf), textareaHtml('answer', 'Your answer', 'Write your answer here. If we asked for a document, describe it and we will tell you how to send it.', '', errors.answer, true), '<button type="submit">Send answer</button>', '</form>'].join('\n')
        : '',
    ].join('\n'),
  });
}

/** The fee on the status page: the amount, the ground in plain words, how to pay while it is awaited, when the clock starts, and the right to complain (Art 12(4), 12(5), 15(3)). */
function feeHtml(fee: RequestFee, awaited: boolean, complaint: string | undefined): string {
  const words = FEE_GROUND_WORDS[fee.ground];
  return [
    '<h2>The fee</h2>',
    '<dl>',
    `<dt>Amount</dt><dd>${e(formatPence(fee.amountPence))}</dd>`,
    `<dt>Why we ask it</dt><dd>${e(`Requests are normally free. We ask a fee because ${words.plain} (${words.article}).`)}</dd>`,
    `<dt>Asked on</dt><dd>${e(formatDate(fee.askedOn))}</dd>`,
    fee.paidOn ? `<dt>Received</dt><dd>${e(formatDate(fee.paidOn))}</dd>` : '',
    '</dl>',
    awaited ? `<h3>How to pay</h3><div class="pledge-quote">${e(fee.instructions)}</div><p>The time we have to reply starts on the day we receive the fee. If it is not paid, we will not act on the request.</p>` : '',
    `<p>${e(complaint ?? "You have the right to complain to the Information Commissioner's Office (ICO), the UK regulator, at https://ico.org.uk/make-a-complaint/ (telephone 0303 123 1113).")}</p>`,
  ].join('\n');
}

/** A page that says something went wrong, and where to go. */
export function problemPage(opts: { org: string; title: string; message: string; link?: { href: string; text: string } }): string {
  return centrePage({
    title: opts.title,
    org: opts.org,
    body: [`<div class="pledge-alert" role="alert"><p>${e(opts.message)}</p></div>`, opts.link ? `<p><a href="${e(opts.link.href)}">${e(opts.link.text)}</a></p>` : ''].join('\n'),
  });
}
