import type { Recipient, Safeguard } from '../../declaration/schema/recipients.js';
import { isAdequate } from '../../law/adequacy.js';
import type { Block, Inline, NoticeSection } from '../notice-model.js';
import type { Scope } from '../scope-declaration.js';
import { countryName, countryShortName, joinList } from '../words.js';

const ROLES: Record<Recipient['kind'], string> = {
  processor: 'Service provider: uses the data only on our instructions',
  controller: 'Independent organisation: uses the data for its own purposes',
  joint_controller: 'Joint controller: decides with us how the data is used',
  group_company: 'A company in our group',
  public_authority: 'Public authority',
  professional_adviser: 'Professional adviser, bound by confidentiality',
  other: 'Other organisation',
};

/** "Who we share it with": named recipients and categories of recipients (Art 13(1)(e)). */
export function sharingSection(scope: Scope): NoticeSection | undefined {
  const named = scope.recipients.filter((r) => !r.category);
  const categories = scope.recipients.filter((r) => r.category);
  if (!named.length && !categories.length) return undefined;
  const blocks: Block[] = [];
  if (named.length) {
    blocks.push({ type: 'paragraph', text: 'We share personal data with these organisations, only as far as each needs it:' });
    blocks.push({
      type: 'table',
      caption: 'Organisations we share personal data with',
      columns: ['Organisation', 'What they do for us', 'Where', 'Their role'],
      rows: named.map((r) => [r.name, r.service ?? '', (r.locations ?? []).map(countryShortName).join(', '), ROLES[r.kind]]),
    });
  }
  if (categories.length) {
    blocks.push({ type: 'paragraph', text: named.length ? 'We may also share it with:' : 'We share personal data with:' });
    blocks.push({ type: 'list', items: categories.map((r) => (r.service ? `${r.name}: ${r.service}` : r.name)) });
  }
  return { id: 'who-we-share-it-with', heading: 'Who we share it with', blocks, covers: ['art13-1-e'] };
}

const MECHANISMS: Record<Safeguard['mechanism'], string> = {
  adequacy: 'UK adequacy regulations',
  dpf_uk_extension: 'the recipient\u2019s certification to the UK Extension of the EU-US Data Privacy Framework (the UK-US data bridge)',
  idta: 'the International Data Transfer Agreement (IDTA) issued by the ICO',
  uk_addendum: 'the EU Standard Contractual Clauses with the ICO\u2019s UK Addendum',
  eu_sccs: 'the EU Standard Contractual Clauses',
  bcr: 'binding corporate rules',
  derogation: 'an exception for a specific situation (UK GDPR Art 49)',
};

/** A location outside the UK that needs no safeguard: adequate, or the US with a DPF-certified recipient. */
export function adequateFor(r: Recipient, location: string): boolean {
  return isAdequate(location) || (location === 'US' && r.dpf_certified === true);
}

/** Recipients that receive data outside the UK. */
export function transferRecipients(scope: Scope): Recipient[] {
  return scope.recipients.filter((r) => (r.locations ?? []).some((l) => l !== 'GB'));
}

/** True when the recipient needs a safeguard (some location is not adequate) but names none that is not "adequacy". */
export function safeguardMissing(r: Recipient): boolean {
  const needs = (r.locations ?? []).some((l) => l !== 'GB' && !adequateFor(r, l));
  return needs && (!r.safeguard || r.safeguard.mechanism === 'adequacy');
}

/** Safeguards a person is entitled to a copy of (Art 13(1)(f): "the means by which to obtain a copy of them"). */
const COPYABLE: ReadonlySet<Safeguard['mechanism']> = new Set(['idta', 'uk_addendum', 'bcr', 'eu_sccs']);

/** True when the notice relies on the recipient's safeguard (some location is not adequate) and that safeguard is a document people can have a copy of. */
export function safeguardNeedsCopy(r: Recipient): boolean {
  const needs = (r.locations ?? []).some((l) => l !== 'GB' && !adequateFor(r, l));
  return needs && !!r.safeguard && COPYABLE.has(r.safeguard.mechanism);
}

/** True when the recipient's safeguard needs a copy route (safeguardNeedsCopy) and the declaration gives none (safeguard.copy). */
export function safeguardCopyMissing(r: Recipient): boolean {
  return safeguardNeedsCopy(r) && !r.safeguard?.copy;
}

/** "International transfers": per recipient outside the UK, the country and the protection, and how to get a copy (Art 13(1)(f)). */
export function transfersSection(scope: Scope): NoticeSection | undefined {
  const list = transferRecipients(scope);
  if (!list.length) return undefined;
  const rows = list.map((r): Inline[] => {
    const abroad = (r.locations ?? []).filter((l) => l !== 'GB');
    const protections: string[] = [];
    const adequate = abroad.filter((l) => isAdequate(l));
    if (adequate.length) protections.push(`UK adequacy regulations recognise ${joinList(adequate.map(countryName))} as protecting personal data adequately.`);
    if (abroad.includes('US') && r.dpf_certified) protections.push(`${r.name} is certified to the UK Extension of the EU-US Data Privacy Framework (the UK-US data bridge).`);
    const others = abroad.filter((l) => !adequateFor(r, l));
    if (others.length && r.safeguard && r.safeguard.mechanism !== 'adequacy') {
      const s = r.safeguard;
      const ground = s.mechanism === 'derogation' && s.derogation ? ` (${s.derogation})` : '';
      protections.push(`For ${joinList(others.map(countryName))} we rely on ${MECHANISMS[s.mechanism]}${ground}.`);
      // Only the route the declaration gives: without safeguard.copy the notice says nothing about a copy, and the
      // coverage check reports Art 13(1)(f) missing (safeguardCopyMissing).
      if (COPYABLE.has(s.mechanism) && s.copy) protections.push(`To get a copy: ${s.copy}`);
    }
    return [r.name, abroad.map(countryShortName).join(', '), protections.join(' ')];
  });
  return {
    id: 'international-transfers',
    heading: 'International transfers',
    blocks: [
      {
        type: 'paragraph',
        text: 'Some of the organisations we share data with process it outside the UK. For each, the table shows where, and how the transfer is protected.',
      },
      { type: 'table', caption: 'Transfers of personal data outside the UK', columns: ['Organisation', 'Country', 'How your data is protected'], rows },
    ],
    covers: ['art13-1-f'],
  };
}
