import { RIGHTS } from '../../law/rights.js';
import type { Block, Inline, NoticeSection } from '../notice-model.js';
import type { Scope } from '../scope-declaration.js';
import { formatDate, joinList, joinNames, paragraphs, slug, urlSpan } from '../words.js';

/** "Automated decisions": the logic, significance and consequences, or that there are none (Art 13(2)(f), Arts 22A-22D). */
export function automatedSection(scope: Scope): NoticeSection {
  const list = scope.automatedDecisions;
  const blocks: Block[] = [];
  if (!list.length) {
    blocks.push({
      type: 'paragraph',
      text: 'We do not make decisions about you based solely on automated processing, including profiling, that have legal or similarly significant effects on you.',
    });
  } else {
    blocks.push({ type: 'paragraph', text: 'We make these decisions by automated means:' });
    for (const a of list) {
      blocks.push({ type: 'subheading', text: a.name });
      const items: { term: Inline; details: Inline[] }[] = [];
      if (a.profiling) items.push({ term: 'Profiling', details: ['This involves profiling: evaluating personal aspects of you by automated means.'] });
      if (a.logic) items.push({ term: 'How it works', details: [a.logic] });
      if (a.significance) items.push({ term: 'What it means for you', details: [a.significance] });
      if (a.safeguards) items.push({ term: 'Your safeguards', details: [a.safeguards] });
      if (items.length) blocks.push({ type: 'definitions', items });
    }
    blocks.push({ type: 'paragraph', text: `You have the right ${RIGHTS.automated_decisions.explanation}.` });
  }
  return { id: 'automated-decisions', heading: 'Automated decisions', blocks, covers: ['art13-2-f'] };
}

/** "Children": age limits, parental consent (Art 8), and subject groups that include children. */
export function childrenSection(scope: Scope): NoticeSection | undefined {
  const c = scope.declaration.children;
  const young = scope.subjects.filter((s) => s.children || (s.minimum_age !== undefined && s.minimum_age < 18));
  if (!c && !young.length) return undefined;
  const blocks: Block[] = [];
  if (c?.directed_at_children) blocks.push({ type: 'paragraph', text: 'Some of our services are designed for children.' });
  if (c?.minimum_age !== undefined) blocks.push({ type: 'paragraph', text: `Our services are not intended for anyone under ${c.minimum_age}.` });
  for (const s of young) {
    const age = s.minimum_age !== undefined ? ` from the age of ${s.minimum_age}` : '';
    blocks.push({ type: 'paragraph', text: `${s.name} may include children${age}.` });
  }
  if (c?.parental_consent) blocks.push({ type: 'paragraph', text: `Where we rely on consent and a child is under 13, we ask a parent or guardian: ${c.parental_consent}` });
  if (c?.statement) blocks.push({ type: 'paragraph', text: c.statement });
  return { id: 'children', heading: 'Children', blocks, covers: [] };
}

/** "How we protect your data": security measures, certifications, breach procedure (Art 32). */
export function securitySection(scope: Scope): NoticeSection | undefined {
  const s = scope.declaration.security;
  if (!s || (!s.measures.length && !s.certifications?.length && !s.breach_procedure)) return undefined;
  const blocks: Block[] = [];
  if (s.measures.length) {
    blocks.push({ type: 'paragraph', text: 'We protect personal data with measures including:' });
    blocks.push({ type: 'list', items: s.measures.map((m) => (m.description ? `${m.name}: ${m.description}` : m.name)) });
  }
  if (s.certifications?.length) blocks.push({ type: 'paragraph', text: `Certifications: ${joinList(s.certifications)}.` });
  if (s.breach_procedure) blocks.push({ type: 'paragraph', text: s.breach_procedure });
  if (s.page) blocks.push({ type: 'paragraph', text: [{ text: 'More detail: ' }, urlSpan(s.page, 'our security page'), { text: '.' }] });
  return { id: 'how-we-protect-your-data', heading: 'How we protect your data', blocks, covers: [] };
}

/** "Where we store your data": the default location and options. */
export function residencySection(scope: Scope): NoticeSection | undefined {
  const r = scope.declaration.data_residency;
  if (!r) return undefined;
  const blocks: Block[] = [{ type: 'paragraph', text: r.default }];
  if (r.options?.length) {
    blocks.push({ type: 'paragraph', text: 'Other options:' });
    blocks.push({ type: 'list', items: r.options });
  }
  return { id: 'where-we-store-your-data', heading: 'Where we store your data', blocks, covers: [] };
}

/** "When we act for our customers": processor activities (Art 28), outside or inside this notice. */
export function processorSection(scope: Scope): NoticeSection | undefined {
  const list = scope.processorActivities;
  if (!list.length) return undefined;
  const d = scope.declaration;
  const cats = new Map(d.data_categories.map((c) => [c.id, c.name]));
  const subjects = new Map(d.subjects.map((s) => [s.id, s.name]));
  const recipients = new Map(d.recipients.map((r) => [r.id, r.name]));
  const blocks: Block[] = [];
  for (const a of list) {
    blocks.push({ type: 'subheading', text: a.name });
    if (a.description) blocks.push({ type: 'paragraph', text: a.description });
    const customers = a.controllers.map((c) => c.name).filter((n): n is string => !!n);
    const who = customers.length ? joinList(customers) : 'our customers';
    const data = a.data_categories.map((id) => cats.get(id) ?? id);
    const people = a.subjects.map((id) => subjects.get(id) ?? id);
    const contract = a.contract ? `, under ${a.contract}` : '';
    // Declared names are kept as written (they may start with a proper name), so they go in a list, not mid-sentence.
    blocks.push({ type: 'paragraph', text: `Here we act as a processor for ${who}: we use personal data only on their instructions${contract}.` });
    const items: { term: Inline; details: Inline[] }[] = [];
    if (data.length) items.push({ term: 'Data', details: [joinNames(data)] });
    if (people.length) items.push({ term: 'About', details: [joinNames(people)] });
    if (items.length) blocks.push({ type: 'definitions', items });
    if (!a.in_notice) {
      blocks.push({ type: 'paragraph', text: 'This notice does not cover that processing: the customer is the controller. To use your rights over that data, contact the customer.' });
    }
    if (a.deletion_on_instruction) blocks.push({ type: 'paragraph', text: `When a customer tells us to delete data, we delete it within ${a.deletion_on_instruction}.` });
    if (a.subprocessors?.length) blocks.push({ type: 'paragraph', text: `Our sub-processors for this work: ${joinList(a.subprocessors.map((id) => recipients.get(id) ?? id))}.` });
  }
  return { id: 'when-we-act-for-customers', heading: 'When we act for our customers', blocks, covers: [] };
}

/** "Other things you should know": statements the notice makes, kept verbatim. */
export function statementsSection(scope: Scope): NoticeSection | undefined {
  const s = scope.declaration.notice.statements;
  if (!s?.length) return undefined;
  return { id: 'other-things-you-should-know', heading: 'Other things you should know', blocks: [{ type: 'list', items: s }], covers: [] };
}

const NOTIFY: Record<string, string> = { email: 'by email', website: 'on this website', in_app: 'in the app', post: 'by post' };

/** "Changes to this notice": how people are told, the history, and the last-updated date. */
export function changesSection(scope: Scope): NoticeSection | undefined {
  const c = scope.declaration.changes;
  const last = scope.declaration.notice.last_updated;
  if (!c && !last) return undefined;
  const blocks: Block[] = [];
  if (c?.statement) blocks.push({ type: 'paragraph', text: c.statement });
  if (c?.notify_by?.length) blocks.push({ type: 'paragraph', text: `When we make an important change to this notice we will tell you ${joinList(c.notify_by.map((n) => NOTIFY[n] ?? n))}.` });
  if (last) blocks.push({ type: 'paragraph', text: `This notice was last updated on ${formatDate(last)}.` });
  if (c?.history?.length) {
    const history = [...c.history].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    blocks.push({ type: 'table', caption: 'Previous changes to this notice', columns: ['Date', 'What changed'], rows: history.map((h) => [formatDate(h.date), h.summary]) });
  }
  return { id: 'changes-to-this-notice', heading: 'Changes to this notice', blocks, covers: [] };
}

/** The declaration's own extra sections (notice.sections), with stable ids from their titles. */
export function extraSections(scope: Scope, taken: ReadonlySet<string>): NoticeSection[] {
  const used = new Set(taken);
  return (scope.declaration.notice.sections ?? []).map((s) => {
    let id = slug(s.title);
    for (let n = 2; used.has(id); n++) id = `${slug(s.title)}-${n}`;
    used.add(id);
    return { id, heading: s.title, blocks: paragraphs(s.body).map((text): Block => ({ type: 'paragraph', text })), covers: [] };
  });
}
