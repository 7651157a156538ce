import type { Declaration } from './schema/declaration.js';

/** One field of an item that differs between two declarations. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One item (a purpose, a recipient, ... or a single section such as "rights") added, removed or changed. */
export interface DeclarationChange {
  /** The declaration section: "purposes", "recipients", "cookies.items", "rights", ... */
  section: string;
  /** The item's id; for single sections (organisation, rights, ...) the section name. */
  id: string;
  /** How the item is named to readers (its name, else its id). */
  name: string;
  kind: 'added' | 'removed' | 'changed';
  /** For "changed": the fields that differ. */
  fields?: FieldChange[];
  /** Whether this change alters what is done with personal data (see `isMaterial` below). */
  material: boolean;
  /** One sentence for people: "Added recipient HubSpot Inc. (US)". */
  summary: string;
}

export interface DeclarationDiff {
  changes: DeclarationChange[];
  /** True when at least one change is material. */
  isMaterial: boolean;
  /** The human summary: one line per change, material changes first. */
  summary: string[];
}

/** Sections that are lists of items with ids, and how one item is called in a sentence. */
const LIST_SECTIONS: readonly { section: string; singular: string; get: (d: Declaration) => readonly Item[] | undefined }[] = [
  { section: 'purposes', singular: 'purpose', get: (d) => d.purposes },
  { section: 'data_categories', singular: 'data category', get: (d) => d.data_categories },
  { section: 'recipients', singular: 'recipient', get: (d) => d.recipients },
  { section: 'retention', singular: 'retention rule', get: (d) => d.retention },
  { section: 'automated_decisions', singular: 'automated decision', get: (d) => d.automated_decisions },
  { section: 'subjects', singular: 'group of people', get: (d) => d.subjects },
  { section: 'processor_activities', singular: 'processor activity', get: (d) => d.processor_activities },
  { section: 'cookies.items', singular: 'cookie', get: (d) => d.cookies?.items },
];

/** Sections that are one object each. `cookies` is compared without its items (compared above). */
const SINGLE_SECTIONS: readonly { section: string; label: string; get: (d: Declaration) => object | undefined }[] = [
  { section: 'organisation', label: 'organisation details', get: (d) => d.organisation },
  { section: 'data_residency', label: 'data residency', get: (d) => d.data_residency },
  { section: 'cookies', label: 'cookie settings', get: (d) => (d.cookies ? { ...d.cookies, items: undefined } : undefined) },
  { section: 'rights', label: 'how to use your rights', get: (d) => d.rights },
  { section: 'complaints', label: 'complaints handling', get: (d) => d.complaints },
  { section: 'security', label: 'security measures', get: (d) => d.security },
  { section: 'children', label: 'children', get: (d) => d.children },
  { section: 'changes', label: 'how changes are announced', get: (d) => d.changes },
  { section: 'notice', label: 'notice text', get: (d) => d.notice },
];

/**
 * Which fields of which sections change what is done with personal data. The law and the ICO treat a change of
 * purpose, lawful basis, recipients, international transfers, retention, the data collected or automated
 * decision-making as one people must be told about before it takes effect; a rewording of the notice is not.
 * `true`: every field is material (an added or removed item is material too); a list: only these fields are.
 */
const MATERIAL: Record<string, true | readonly string[]> = {
  purposes: ['subjects', 'data_categories', 'lawful_bases', 'special_category_condition', 'criminal_offence_condition', 'sources', 'recipients', 'direct_marketing', 'automated_decisions', 'role', 'joint_controllers', 'requirement'],
  data_categories: ['special_category', 'criminal_offence', 'examples'],
  recipients: ['kind', 'category', 'locations', 'safeguard', 'dpf_certified'],
  retention: ['purposes', 'data_categories', 'period', 'from', 'reset_by', 'criteria', 'action', 'legal_holds'],
  automated_decisions: ['profiling', 'logic', 'significance', 'safeguards'],
  data_residency: true,
};

/** Sections where adding or removing an item is material (a new purpose, recipient, category, rule, decision). */
const MATERIAL_MEMBERSHIP = new Set(['purposes', 'data_categories', 'recipients', 'retention', 'automated_decisions']);

interface Item {
  id: string;
  name?: string;
  [key: string]: unknown;
}

/** JSON with sorted keys and no undefined values: equal values give equal strings. */
function canonical(value: unknown): string {
  if (value === undefined || value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function fieldChanges(before: object, after: object): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const out: FieldChange[] = [];
  for (const field of keys) {
    if (canonical(b[field]) !== canonical(a[field])) out.push({ field, before: b[field] ?? null, after: a[field] ?? null });
  }
  return out;
}

/** Items by id. A repeated id (which the checks refuse) is kept apart as "id#2" rather than lost. */
function byId(items: readonly Item[] | undefined): Map<string, Item> {
  const map = new Map<string, Item>();
  for (const item of items ?? []) {
    let key = item.id;
    for (let n = 2; map.has(key); n++) key = `${item.id}#${n}`;
    map.set(key, item);
  }
  return map;
}

const words = (field: string) => field.replace(/_/g, ' ');
const list = (v: unknown): string => (Array.isArray(v) ? (v.length ? v.map((x) => (typeof x === 'string' ? x : describe(x))).join(', ') : 'none') : describe(v));
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return list(v);
  const o = v as Record<string, unknown>;
  if (typeof o.basis === 'string') return o.basis.replace(/_/g, ' ');
  if (typeof o.mechanism === 'string') return o.mechanism.replace(/_/g, ' ');
  if (typeof o.condition === 'string') return o.condition.replace(/_/g, ' ');
  if (typeof o.type === 'string') return o.type.replace(/_/g, ' ');
  if (typeof o.name === 'string') return o.name;
  return 'changed';
}

function nameOf(item: Item): string {
  return typeof item.name === 'string' && item.name ? item.name : item.id;
}

function addedSummary(singular: string, section: string, item: Item): string {
  const locations = section === 'recipients' && Array.isArray(item.locations) && item.locations.length ? ` (${item.locations.join(', ')})` : '';
  const period = section === 'retention' && typeof item.period === 'string' ? `: ${item.period}` : '';
  return `Added ${singular} ${nameOf(item)}${locations}${period}`;
}

/** A sentence for a changed item, specific where the change is a common one, generic otherwise. */
function changedSummary(singular: string, section: string, item: Item, fields: FieldChange[]): string {
  const name = nameOf(item);
  const f = (field: string) => fields.find((c) => c.field === field);
  if (section === 'retention' && f('period') && fields.length === 1) return `Retention for ${name} changed from ${describe(f('period')!.before)} to ${describe(f('period')!.after)}`;
  if (section === 'recipients' && f('locations') && fields.length === 1) return `Locations of recipient ${name} changed from ${list(f('locations')!.before)} to ${list(f('locations')!.after)}`;
  if (section === 'purposes' && f('lawful_bases') && fields.length === 1) return `Lawful basis for ${name} changed from ${list(f('lawful_bases')!.before)} to ${list(f('lawful_bases')!.after)}`;
  const parts = fields.map((c) => (c.field === 'period' ? `period from ${describe(c.before)} to ${describe(c.after)}` : words(c.field)));
  return `Changed ${singular} ${name}: ${parts.join(', ')}`;
}

/**
 * Compares two declarations: what was added, removed or changed, section by section and item by item (matched
 * by id), whether any change is material, and a summary people can read. Pure and deterministic.
 *
 * @example
 * const d = diffDeclarations(v1, v2);
 * d.summary // ['Added recipient HubSpot Inc. (US)', 'Retention for Enquiries changed from 24 months to 12 months']
 * d.isMaterial // true
 */
export function diffDeclarations(before: Declaration, after: Declaration): DeclarationDiff {
  const changes: DeclarationChange[] = [];
  for (const { section, singular, get } of LIST_SECTIONS) {
    const b = byId(get(before) as readonly Item[] | undefined);
    const a = byId(get(after) as readonly Item[] | undefined);
    const rule = MATERIAL[section];
    const membershipMaterial = MATERIAL_MEMBERSHIP.has(section);
    for (const [id, item] of b) {
      if (!a.has(id)) changes.push({ section, id, name: nameOf(item), kind: 'removed', material: membershipMaterial, summary: `Removed ${singular} ${nameOf(item)}` });
    }
    for (const [id, item] of a) {
      const old = b.get(id);
      if (!old) {
        changes.push({ section, id, name: nameOf(item), kind: 'added', material: membershipMaterial, summary: addedSummary(singular, section, item) });
        continue;
      }
      const fields = fieldChanges(old, item);
      if (!fields.length) continue;
      const material = rule === true || (Array.isArray(rule) && fields.some((c) => rule.includes(c.field)));
      changes.push({ section, id, name: nameOf(item), kind: 'changed', fields, material, summary: changedSummary(singular, section, item, fields) });
    }
  }
  for (const { section, label, get } of SINGLE_SECTIONS) {
    const b = get(before);
    const a = get(after);
    if (!b && !a) continue;
    const rule = MATERIAL[section];
    const base = { section, id: section, name: label };
    if (!b) changes.push({ ...base, kind: 'added', material: rule === true, summary: `Added ${label}` });
    else if (!a) changes.push({ ...base, kind: 'removed', material: rule === true, summary: `Removed ${label}` });
    else {
      const fields = fieldChanges(b, a);
      if (!fields.length) continue;
      const material = rule === true || (Array.isArray(rule) && fields.some((c) => rule.includes(c.field)));
      changes.push({ ...base, kind: 'changed', fields, material, summary: `Changed ${label}: ${fields.map((c) => words(c.field)).join(', ')}` });
    }
  }
  // Material changes first, keeping section order within each group: they are what readers must see.
  const ordered = [...changes.filter((c) => c.material), ...changes.filter((c) => !c.material)];
  return { changes: ordered, isMaterial: ordered.some((c) => c.material), summary: ordered.map((c) => c.summary) };
}
