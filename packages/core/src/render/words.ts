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

const AREAS: Record<string, string> = { EU: 'the EU', EEA: 'the EEA', WORLDWIDE: 'countries worldwide', GB: 'the United Kingdom', US: 'the United States' };

/**
 * ISO 3166-1 alpha-2 names for the codes the adequacy list uses, plus common transfer destinations. A fixed table
 * (not Intl) so the notice reads the same on every machine; unknown codes are shown as written.
 */
const COUNTRIES: Record<string, string> = {
  AT: 'Austria', BE: 'Belgium', BG: 'Bulgaria', HR: 'Croatia', CY: 'Cyprus', CZ: 'Czechia', DK: 'Denmark', EE: 'Estonia',
  FI: 'Finland', FR: 'France', DE: 'Germany', GR: 'Greece', HU: 'Hungary', IE: 'Ireland', IT: 'Italy', LV: 'Latvia',
  LT: 'Lithuania', LU: 'Luxembourg', MT: 'Malta', NL: 'the Netherlands', PL: 'Poland', PT: 'Portugal', RO: 'Romania',
  SK: 'Slovakia', SI: 'Slovenia', ES: 'Spain', SE: 'Sweden', IS: 'Iceland', LI: 'Liechtenstein', NO: 'Norway',
  GI: 'Gibraltar', CH: 'Switzerland', CA: 'Canada', AR: 'Argentina', GG: 'Guernsey', IM: 'the Isle of Man', JE: 'Jersey',
  AD: 'Andorra', IL: 'Israel', UY: 'Uruguay', NZ: 'New Zealand', JP: 'Japan', KR: 'South Korea', FO: 'the Faroe Islands',
  IN: 'India', AU: 'Australia', SG: 'Singapore', PH: 'the Philippines', CN: 'China', BR: 'Brazil', ZA: 'South Africa',
};

/** A country or area name for a Location code, for use in a sentence: "DE" -> "Germany", "EU" -> "the EU". */
export function countryName(code: string): string {
  return AREAS[code] ?? COUNTRIES[code] ?? code;
}

/** Countries without the leading "the", for table cells: "United Kingdom", "Germany", "Worldwide". */
export function countryShortName(code: string): string {
  if (code === 'WORLDWIDE') return 'Worldwide';
  return countryName(code).replace(/^the /, '');
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

/**
 * Common words that start declared sentences and names and are never names themselves: only these are lower-cased
 * mid-sentence. A declared text starting with any other word ("Jupiter", "Jumpmind's services") is kept as written.
 */
const COMMON_FIRST_WORDS = new Set(
  [
    // sentence openers
    'a an the we you your our it its this that these those they there if when where while until unless before after in on at by for from with without to of as and or but not no all any each some every once then please',
    'click use email write call contact reply send visit go tell ask log sign select change unsubscribe opt follow press tap turn update manage open',
    // people
    'people person persons individuals individual customers customer clients client visitors visitor users user members member prospects prospective',
    'contacts enquirers subscribers recipients applicants candidates employees employee staff workers contractors suppliers supplier partners partner',
    'parents parent guardians children learners students pupils teachers tutors independent job event webinar newsletter survey',
    // data
    'name names role contact message messages marketing business order orders account accounts usage billing invoices invoice payment payments',
    'communications correspondence website web cookies cookie device technical identity identification professional personal information data',
    'details records financial health location sensitive customer transaction transactions support service services feedback preferences',
    'application applications cv curriculum recordings call images photos video analytics log logs security profile browser country free publicly statistical public',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Lower-cases the first letter of declared text for use mid-sentence or after a colon, only when its first word is a
 * common word ("We cannot open an account" -> "we cannot open an account"). Anything else, which may be a name
 * ("Jupiter", "Jumpmind's services"), is kept as written.
 */
export function lowerFirst(s: string): string {
  const first = /^[A-Z][a-z]*\b/.exec(s)?.[0];
  return first && COMMON_FIRST_WORDS.has(first.toLowerCase()) ? s[0]!.toLowerCase() + s.slice(1) : s;
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

/**
 * "Contact details, account details and CV": the first name as written, the rest lower-cased only where the first word
 * is a common word (lowerFirst); names that start with a proper name ("Jupiter staff") are kept as written.
 */
export function joinNames(names: readonly string[], conjunction = 'and'): string {
  return joinList(names.map((n, i) => (i === 0 ? n : lowerFirst(n))), conjunction);
}
