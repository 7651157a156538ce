import type { Purpose } from '../../declaration/schema/processing.js';
import type { Rights } from '../../declaration/schema/rights.js';
import { CORE_RIGHTS, RIGHTS } from '../../law/rights.js';
import type { Block, Inline, NoticeSection } from '../notice-model.js';
import type { Scope } from '../scope-declaration.js';
import { channelLine, contactLines, joinList, lowerFirst } from '../words.js';
import { objectable } from './purposes-section.js';

type RightKey = keyof typeof RIGHTS;

/** True when the purpose relies on consent (Art 6(1)(a) or explicit consent under Art 9(2)(a)). */
export function usesConsent(p: Purpose): boolean {
  return p.lawful_bases.some((b) => b.basis === 'consent') || p.special_category_condition?.condition === 'explicit_consent';
}

/**
 * How to withdraw consent for a purpose, only as declared: the consent basis's withdraw, else rights.withdraw_consent,
 * else (direct marketing only, where withdrawing and objecting come to the same) the purpose's objection.
 */
export function withdrawRoute(p: Purpose, rights: Rights | undefined): string | undefined {
  return p.lawful_bases.find((b) => b.consent?.withdraw)?.consent?.withdraw ?? rights?.withdraw_consent ?? (p.direct_marketing ? p.objection : undefined);
}

/** Where to make a request: the declared channels, else the organisation's contact details. */
export function requestChannels(scope: Scope): Inline[] {
  const channels = scope.declaration.rights?.channels ?? [];
  if (channels.length) return channels.map(channelLine);
  const c = scope.declaration.organisation.contact;
  return c ? contactLines(c) : [];
}

/** "Your rights": each right with its explanation, how to exercise it, response period, fee and identity checks (Art 13(2)(b), Art 12). */
export function rightsSection(scope: Scope): NoticeSection {
  const r = scope.declaration.rights;
  const wanted = new Set<RightKey>([...CORE_RIGHTS, ...(r?.offered ?? [])]);
  if (scope.purposes.some(usesConsent)) wanted.add('withdraw_consent');
  if (scope.automatedDecisions.length) wanted.add('automated_decisions');
  const order: RightKey[] = ['informed', 'access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdraw_consent', 'automated_decisions'];
  const items = order
    .filter((k) => wanted.has(k))
    .map((k) => {
      const right = RIGHTS[k];
      const details: Inline[] = [`You have the right ${right.explanation} (UK GDPR ${right.article}).`];
      if (k === 'portability' && r?.portability_formats?.length) details.push(`We provide it as ${joinList(r.portability_formats, 'or')}.`);
      if (k === 'objection') details.push([{ text: 'See ' }, { text: 'Your right to object', href: '#your-right-to-object' }, { text: ' below.' }]);
      if (k === 'withdraw_consent') details.push([{ text: 'See ' }, { text: 'Withdrawing your consent', href: '#withdrawing-your-consent' }, { text: ' below.' }]);
      return { term: right.label, details };
    });
  const blocks: Block[] = [
    { type: 'paragraph', text: 'You have these rights over your personal data. Some apply only in certain circumstances.' },
    { type: 'definitions', items },
    { type: 'subheading', text: 'How to use your rights' },
  ];
  const channels = requestChannels(scope);
  blocks.push(
    channels.length
      ? { type: 'paragraph', text: 'Contact us in any of these ways. You do not need to use legal words: tell us what you want.' }
      : { type: 'paragraph', text: 'Contact us using the details in \u201cWho we are\u201d. You do not need to use legal words: tell us what you want.' },
  );
  if (channels.length) blocks.push({ type: 'list', items: channels });
  if (r) {
    let reply = `We reply without undue delay and within ${r.response_period} of receiving your request.`;
    if (r.extension) reply += ` If your request is complex, or you have made several, we may need up to ${r.extension} more; if so we will tell you, and why, within the first ${r.response_period}.`;
    blocks.push({ type: 'paragraph', text: reply });
  } else {
    // No rights block: state the law (Art 12(3)), not a promise the organisation has not made.
    blocks.push({ type: 'paragraph', text: 'The law requires a reply without undue delay and within one month of receiving a request.' });
  }
  const fee = feeText(r);
  if (fee) blocks.push({ type: 'paragraph', text: fee });
  if (r?.identity_verification) blocks.push({ type: 'paragraph', text: `We may need to confirm who you are before we act on a request: ${lowerFirst(r.identity_verification)}` });
  return { id: 'your-rights', heading: 'Your rights', blocks, covers: ['art13-2-b'] };
}

/** The fee policy as declared (Art 12(5)); nothing when no rights block is declared. */
export function feeText(r: Rights | undefined): string | undefined {
  if (!r) return undefined;
  // charged is unlawful for ordinary requests (lint: access-fee), but the notice says what the organisation declares.
  if (r.fee === 'charged') return r.fee_statement ?? 'We charge a fee for requests.';
  const fee =
    r.fee === 'free'
      ? 'There is no fee.'
      : 'There is no fee, unless a request is manifestly unfounded or excessive: then we may charge a reasonable fee or refuse to act on it.';
  return r.fee_statement ? `${fee} ${r.fee_statement}` : fee;
}

/** "Your right to object", its own section as Art 21(4) requires: direct marketing (absolute) and Art 6(1)(e)/(f) processing. */
export function objectionSection(scope: Scope): NoticeSection {
  const marketing = scope.purposes.filter((p) => p.direct_marketing);
  const balanced = scope.purposes.filter((p) => objectable(p) && !p.direct_marketing);
  const inner: Exclude<Block, { type: 'callout' }>[] = [];
  if (marketing.length) {
    inner.push({ type: 'paragraph', text: [{ text: 'You can object at any time to our use of your data for direct marketing. ', strong: true }, { text: 'If you do, we will stop. This applies to:' }] });
    inner.push({ type: 'list', items: marketing.map((p) => (p.objection ? `${p.name}: ${p.objection}` : p.name)) });
  }
  if (balanced.length) {
    inner.push({
      type: 'paragraph',
      text: [
        { text: 'You can object, on grounds relating to your particular situation, to our use of your data based on our legitimate interests or a public task. ', strong: true },
        { text: 'We will then stop, unless we can show compelling legitimate grounds that override your interests, rights and freedoms, or we need the data to establish, exercise or defend legal claims. This applies to:' },
      ],
    });
    inner.push({ type: 'list', items: balanced.map((p) => (p.objection ? `${p.name}: ${p.objection}` : p.name)) });
  }
  if (!marketing.length && !balanced.length) {
    inner.push({
      type: 'paragraph',
      text: 'You have the right to object to the use of your data based on legitimate interests or a public task, and at any time to direct marketing. We do not currently use your data in these ways.',
    });
  }
  const how = scope.declaration.rights?.objection;
  if (how) inner.push({ type: 'paragraph', text: `How to object: ${how}` });
  else if (requestChannels(scope).length) inner.push({ type: 'paragraph', text: 'To object, contact us in any of the ways listed under \u201cHow to use your rights\u201d.' });
  return { id: 'your-right-to-object', heading: 'Your right to object', blocks: [{ type: 'callout', blocks: inner }], covers: ['art21-4'] };
}

/** "Withdrawing your consent", where a purpose relies on consent (Art 13(2)(c), Art 7(3)). */
export function withdrawSection(scope: Scope): NoticeSection | undefined {
  const purposes = scope.purposes.filter(usesConsent);
  if (!purposes.length) return undefined;
  const rights = scope.declaration.rights;
  const general = rights?.withdraw_consent;
  // Only the routes the declaration gives; a purpose with none is listed bare and coverage reports Art 13(2)(c) missing.
  const items: Inline[] = purposes.map((p) => {
    const own = p.lawful_bases.find((b) => b.consent?.withdraw)?.consent?.withdraw ?? (!general && p.direct_marketing ? p.objection : undefined);
    return own ? `${p.name}: ${own}` : p.name;
  });
  const blocks: Block[] = [
    { type: 'paragraph', text: 'Where we rely on your consent, you have the right to withdraw it at any time. Withdrawing does not affect what we did with your consent before you withdrew it. We rely on consent for:' },
    { type: 'list', items },
  ];
  if (general && purposes.some((p) => !p.lawful_bases.some((b) => b.consent?.withdraw))) blocks.push({ type: 'paragraph', text: `How to withdraw: ${general}` });
  return { id: 'withdrawing-your-consent', heading: 'Withdrawing your consent', blocks, covers: ['art13-2-c'] };
}

/** "How to complain": to us (DPA 2018 s.164A) and to the ICO (Art 13(2)(d), Art 77). */
export function complaintsSection(scope: Scope): NoticeSection {
  const c = scope.declaration.complaints;
  const blocks: Block[] = [{ type: 'subheading', text: 'Complain to us' }];
  const channels = c?.channels?.length ? c.channels.map(channelLine) : requestChannels(scope);
  blocks.push({ type: 'paragraph', text: 'If you are unhappy with how we have used your personal data, you can complain to us.' });
  if (channels.length) blocks.push({ type: 'list', items: channels });
  const steps: string[] = [];
  if (c?.acknowledge_within) steps.push(`We acknowledge your complaint within ${c.acknowledge_within} of receiving it.`);
  if (c?.process) steps.push(c.process);
  if (steps.length) blocks.push({ type: 'paragraph', text: steps.join(' ') });
  blocks.push({ type: 'subheading', text: 'Complain to the ICO' });
  const url = c?.ico?.url ?? 'https://ico.org.uk/make-a-complaint/';
  const helpline = c?.ico?.helpline ?? '0303 123 1113';
  blocks.push({
    type: 'paragraph',
    text: [
      { text: 'You also have the right to complain to the Information Commissioner\u2019s Office (ICO), the UK regulator for data protection, at any time: ' },
      ...urlOrText(url),
      { text: `, or call the ICO helpline on ${helpline}.` },
    ],
  });
  return { id: 'how-to-complain', heading: 'How to complain', blocks, covers: ['art13-2-d'] };
}

function urlOrText(url: string): { text: string; href?: string }[] {
  const u = url.trim();
  const href = /^www\./i.test(u) ? `https://${u}` : u;
  return /^https?:\/\/[^\s<>"'`\\]+$/i.test(href) ? [{ text: u, href }] : [{ text: u }];
}
