import type { Channel, ContactPoint } from '../declaration/schema/common.js';
import type { Organisation } from '../declaration/schema/organisation.js';
import type { Inline, Span } from './notice-model.js';

/** Reader-facing wording shared by the section builders. Pure string functions. */

export type OtherController = NonNullable<Organisation['other_controllers']>[number];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-02-05" -> "5 February 2026" (no clock, no time zone). Anything else is returned as written. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const AREAS: Record<string, string> = { EU: 'the European Union', EEA: 'the European Economic Area', WORLDWIDE: 'worldwide', GB: 'the United Kingdom', US: 'the United States' };
let displayNames: Intl.DisplayNames | undefined;

/** A country or area name for a Location code: "DE" -> "Germany". */
export function countryName(code: string): string {
  if (AREAS[code]) return AREAS[code];
  try {
    displayNames ??= new Intl.DisplayNames(['en-GB'], { type: 'region' });
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Countries without the leading "the", for table cells: "United Kingdom", "Germany". */
export function countryShortName(code: string): string {
  return countryName(code).replace(/^the /, '').replace(/^worldwide$/, 'Worldwide');
}

const FROM_EVENTS: Record<string, string> = {
  collected: 'from when we collect it',
  last_contact: 'from our last contact with you',
  contract_end: 'from the end of our contract with you',
  ticket_resolved: 'from when your support request is resolved',
  application_closed: 'from when your application closes',
  consent_withdrawn: 'from when you withdraw your consent',
  customer_instruction: 'from our customer\u2019s instruction',
  account_closed: 'from when your account is closed',
  subscription_end: 'from the end of your subscription',
};

const RESET_EVENTS: Record<string, string> = {
  reply_received: 'you reply to us',
  contact: 'you contact us',
  login: 'you log in',
  purchase: 'you buy from us',
  order: 'you place an order',
  renewal: 'you renew',
};

function words(event: string): string {
  return event.replace(/_/g, ' ');
}

/** "last_contact" -> "from our last contact with you"; unknown events in words: "from account archived". */
export function fromEvent(event: string): string {
  return FROM_EVENTS[event] ?? `from ${words(event)}`;
}

/** "reply_received" -> "you reply to us"; unknown events in words. */
export function resetEvent(event: string): string {
  return RESET_EVENTS[event] ?? words(event);
}

const HOLDS: Record<string, string> = {
  complaint: 'a complaint is being dealt with',
  litigation: 'there is a legal claim or litigation',
  regulatory_investigation: 'a regulator is investigating',
  legal_obligation: 'the law requires us to keep it',
};

export function holdPhrase(hold: string): string {
  return HOLDS[hold] ?? words(hold);
}

/** Web addresses that may become links: http(s), mailto, tel, and same-site paths or fragments. Others stay text. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  if (!h || /[\u0000-\u001f\u007f\s<>"'`\\]/.test(h)) return undefined;
  if (/^(https?:\/\/|mailto:|tel:)/i.test(h)) return h;
  if (/^(\/(?!\/)|#|\.\.?\/)/.test(h)) return h;
  return undefined;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** An email address as a mailto link when it looks like one. */
export function emailSpan(email: string): Span {
  return EMAIL.test(email.trim()) ? { text: email, href: `mailto:${email.trim()}` } : { text: email };
}

export function phoneSpan(phone: string): Span {
  const digits = phone.replace(/[^\d+]/g, '');
  return /^\+?\d{5,}$/.test(digits) ? { text: phone, href: `tel:${digits}` } : { text: phone };
}

/** A web address as a link when it is safe to link to; a bare "www." address gains https://. */
export function urlSpan(url: string, text = url): Span {
  const u = url.trim();
  const href = safeHref(/^www\./i.test(u) ? `https://${u}` : u);
  return href ? { text, href } : { text };
}

/** Lines describing a contact point: name, email, phone, address, web. */
export function contactLines(c: ContactPoint): Inline[] {
  const lines: Inline[] = [];
  if (c.name) lines.push(c.name);
  if (c.email) lines.push([{ text: 'Email: ' }, emailSpan(c.email)]);
  if (c.phone) lines.push([{ text: 'Phone: ' }, phoneSpan(c.phone)]);
  if (c.address) lines.push(`Post: ${c.address}`);
  if (c.url) lines.push([{ text: 'Web: ' }, urlSpan(c.url)]);
  return lines;
}

/** True when the contact point gives a way to reach someone (not just a name). */
export function reachable(c: ContactPoint | undefined): boolean {
  return !!c && !!(c.email || c.phone || c.address || c.url);
}

const CHANNEL_LABELS: Record<Channel['type'], string> = {
  email: 'Email',
  web_form: 'Online form',
  post: 'Post',
  phone: 'Phone',
  in_app: 'In the app',
  self_service: 'Self-service',
  unsubscribe_link: 'Unsubscribe link',
  preference_centre: 'Preference centre',
  browser_settings: 'Browser settings',
  cookie_banner: 'Cookie settings',
};

/** "Email: privacy@example.com (say which right)". */
export function channelLine(ch: Channel): Inline {
  const spans: Span[] = [{ text: `${CHANNEL_LABELS[ch.type]}: ` }];
  if (ch.type === 'email') spans.push(emailSpan(ch.value));
  else if (ch.type === 'phone') spans.push(phoneSpan(ch.value));
  else if (ch.type === 'web_form' || ch.type === 'self_service' || ch.type === 'preference_centre') spans.push(urlSpan(ch.value));
  else spans.push({ text: ch.value });
  if (ch.note) spans.push({ text: ` (${ch.note})` });
  return spans;
}

/** Splits free text on blank lines into paragraphs. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Lower-case the first letter, for use mid-sentence ("Consent" -> "consent"). Leaves acronyms alone. */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** A URL-safe, stable anchor from a title. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return s || 'section';
}

/** Ends the text with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?:;)\]"”]$/.test(t) ? t : `${t}.`;
}

/** "Contact details, account details and CV": the first name as written, the rest lower-cased where that is safe. */
export function joinNames(names: readonly string[], conjunction = 'and'): string {
  return joinList(names.map((n, i) => (i === 0 ? n : lowerFirst(n))), conjunction);
}
