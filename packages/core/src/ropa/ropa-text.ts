import type { ContactPoint } from '../declaration/schema/common.js';
import type { Declaration } from '../declaration/schema/declaration.js';
import type { OtherController } from '../declaration/schema/organisation.js';
import type { DataCategory, LawfulBasis } from '../declaration/schema/processing.js';
import type { Recipient, Safeguard } from '../declaration/schema/recipients.js';
import type { RetentionRule } from '../declaration/schema/retention.js';
import type { z } from 'zod';
import { isAdequate } from '../law/adequacy.js';
import { LAWFUL_BASES } from '../law/lawful-bases.js';

// Plain-words formatting of declaration parts for the cells of the record of processing.
// Lists inside one cell are joined with "; "; entries that carry their own "; " (lawful bases,
// retention rules, controllers) go one per line.

type OtherControllerT = z.infer<typeof OtherController>;

export const join = (parts: readonly (string | undefined | false)[], sep = '; '): string =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(sep);

/** Unique values, first occurrence first. */
export const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

export function contact(c: ContactPoint | undefined): string {
  if (!c) return '';
  return join([c.name, c.email, c.phone, c.address, c.url], ', ');
}

/** "last_contact" -> "last contact". */
export const eventWords = (event: string): string => event.replace(/_/g, ' ');

const KIND: Record<Recipient['kind'], string> = {
  processor: 'processor',
  controller: 'controller',
  joint_controller: 'joint controller',
  group_company: 'group company',
  public_authority: 'public authority',
  professional_adviser: 'professional adviser',
  other: 'other recipient',
};

/** "AWS (processor, DE)". */
export function recipient(r: Recipient): string {
  return `${r.name} (${join([KIND[r.kind], (r.locations ?? []).join(', ')], ', ')})`;
}

const LOCATION_WORDS: Record<string, string> = { WORLDWIDE: 'worldwide' };
const locationWords = (l: string): string => LOCATION_WORDS[l] ?? l;

/** Locations outside the UK, with the recipients there: "DE (AWS); US (Stripe, Mailchimp)" (Art 30(1)(e)). */
export function thirdCountries(recipients: readonly Recipient[]): string {
  const byLocation = new Map<string, string[]>();
  for (const r of recipients) {
    for (const l of r.locations ?? []) {
      if (l === 'GB') continue;
      const names = byLocation.get(l) ?? [];
      if (!names.includes(r.name)) names.push(r.name);
      byLocation.set(l, names);
    }
  }
  return join([...byLocation].map(([l, names]) => `${locationWords(l)} (${names.join(', ')})`));
}

const MECHANISM: Record<Safeguard['mechanism'], string> = {
  adequacy: 'UK adequacy regulations',
  dpf_uk_extension: 'UK Extension to the EU-US Data Privacy Framework',
  idta: 'International Data Transfer Agreement (IDTA)',
  uk_addendum: 'UK Addendum to the EU Standard Contractual Clauses',
  eu_sccs: 'EU Standard Contractual Clauses without the UK Addendum (not valid for UK transfers since 21 March 2024)',
  bcr: 'Binding corporate rules',
  derogation: 'Art 49 derogation',
};

function safeguardWords(s: Safeguard): string {
  return join([
    MECHANISM[s.mechanism] + (s.derogation ? ` (${s.derogation})` : ''),
    s.reference && `reference: ${s.reference}`,
    s.risk_assessment && `transfer risk assessment: ${s.risk_assessment}`,
    s.copy && `copy: ${s.copy}`,
  ]);
}

/**
 * The safeguard for each recipient outside the UK (Art 30(1)(e), Arts 45-49): the declared safeguard, or, when none is
 * declared, adequacy where it applies, the DPF UK Extension for certified US recipients, else "no safeguard declared".
 */
export function transferSafeguards(recipients: readonly Recipient[]): string {
  const out: string[] = [];
  for (const r of recipients) {
    const abroad = (r.locations ?? []).filter((l) => l !== 'GB');
    if (abroad.length === 0) continue;
    if (r.safeguard) {
      out.push(`${r.name} (${abroad.map(locationWords).join(', ')}): ${safeguardWords(r.safeguard)}`);
      continue;
    }
    const byLabel = new Map<string, string[]>();
    for (const l of abroad) {
      const label = isAdequate(l) ? MECHANISM.adequacy : l === 'US' && r.dpf_certified ? MECHANISM.dpf_uk_extension : 'no safeguard declared';
      byLabel.set(label, [...(byLabel.get(label) ?? []), locationWords(l)]);
    }
    for (const [label, locations] of byLabel) out.push(`${r.name} (${locations.join(', ')}): ${label}`);
  }
  return out.join('\n');
}

const RLI_CONDITION: Record<NonNullable<LawfulBasis['condition']>, string> = {
  disclosure_to_public_body: 'disclosure to a public body for its task',
  national_security_defence: 'national security or defence',
  emergencies: 'emergencies',
  crime: 'crime',
  safeguarding: 'safeguarding',
};

/** "Legitimate interests (Art 6(1)(f)): responding to enquiries". */
export function lawfulBasis(b: LawfulBasis): string {
  const law = LAWFUL_BASES[b.basis];
  const detail =
    b.basis === 'legitimate_interests' ? b.interest : b.basis === 'legal_obligation' ? b.obligation : b.basis === 'recognised_legitimate_interest' && b.condition ? RLI_CONDITION[b.condition] : undefined;
  return `${law.label} (${law.article.replace(/^UK GDPR /, '')})${detail ? `: ${detail}` : ''}${b.when ? `, ${b.when}` : ''}`;
}

/** "Contact details; Health records (special category: health)". */
export function dataCategory(c: DataCategory): string {
  const flags = join([c.special_category && `special category: ${c.special_category.replace(/_/g, ' ')}`, c.criminal_offence && 'criminal offence data'], ', ');
  return flags ? `${c.name} (${flags})` : c.name;
}

/** "24 months from last contact; reset by reply_received". */
export function retentionRule(r: RetentionRule): string {
  return join([
    r.period ? `${r.period}${r.from ? ` from ${eventWords(r.from)}` : ''}` : r.from && `from ${eventWords(r.from)}`,
    r.reset_by?.length ? `reset by ${r.reset_by.join(', ')}` : undefined,
    r.criteria && (r.period ? `criteria: ${r.criteria}` : r.criteria),
    r.action === 'anonymise' ? 'then anonymised' : undefined,
    r.legal_holds?.length ? `kept longer during ${r.legal_holds.map(eventWords).join(', ')}` : undefined,
    r.reason && `reason: ${r.reason}`,
  ]);
}

/** "Acme Partner Ltd (FR): partner@acme.example; arrangement: ...". */
export function otherController(c: OtherControllerT): string {
  const who = c.country ? `${c.legal_name} (${c.country})` : c.legal_name;
  const details = join([contact(c.contact), c.arrangement && `arrangement: ${c.arrangement}`]);
  return details ? `${who}: ${details}` : who;
}

export function representatives(d: Declaration): string {
  return join((d.organisation.representatives ?? []).map((r) => `${r.for === 'uk' ? 'UK' : 'EU'} representative: ${contact(r)}`));
}

export function security(d: Declaration): string {
  const s = d.security;
  if (!s) return '';
  return join([...s.measures.map((m) => m.name), s.certifications?.length ? `certifications: ${s.certifications.join(', ')}` : undefined]);
}

/** Identity of the organisation: legal name, trading names, company number, address, ICO registration. */
export function identity(d: Declaration): string {
  const o = d.organisation;
  return join([
    o.legal_name + (o.trading_names?.length ? ` (trading as ${o.trading_names.join(', ')})` : ''),
    o.company_number && `company number ${o.company_number}${o.registered_in ? `, registered in ${o.registered_in}` : ''}`,
    o.address,
    o.ico_registration && `ICO registration ${o.ico_registration}`,
  ]);
}

export function contacts(d: Declaration): string {
  const o = d.organisation;
  return join([contact(o.contact), o.privacy_contact && `privacy contact: ${contact(o.privacy_contact)}`]);
}
