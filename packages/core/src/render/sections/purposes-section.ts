import type { LawfulBasis, Purpose } from '../../declaration/schema/processing.js';
import { ART9_CONDITIONS, LAWFUL_BASES } from '../../law/lawful-bases.js';
import type { Block, Inline, NoticeSection, Span } from '../notice-model.js';
import type { Scope } from '../scope-declaration.js';
import { categoryLabel } from './data-section.js';
import { joinList, joinNames, lowerFirst, sentence } from '../words.js';

const RLI_CONDITIONS: Record<string, string> = {
  disclosure_to_public_body: 'disclosure to a public body that needs the data for its task',
  national_security_defence: 'national security, public security or defence',
  emergencies: 'responding to an emergency',
  crime: 'detecting, investigating or preventing crime',
  safeguarding: 'safeguarding vulnerable people',
};

/** One lawful basis in plain English, naming the point of Art 6(1): "Consent (UK GDPR Art 6(1)(a)): you have given ...". */
export function basisText(b: LawfulBasis): string {
  const law = LAWFUL_BASES[b.basis];
  const when = b.when ? `${b.when.replace(/[.:,;]+$/, '')}: ` : '';
  let text = `${when}${law.label} (${law.article}): ${law.explanation}.`;
  if (b.basis === 'legitimate_interests' && b.interest) text += ` Our legitimate interest: ${sentence(b.interest)}`;
  if (b.basis === 'recognised_legitimate_interest' && b.condition) text += ` The recognised interest: ${RLI_CONDITIONS[b.condition] ?? b.condition}.`;
  if (b.basis === 'legal_obligation' && b.obligation) text += ` The law: ${sentence(b.obligation)}`;
  if (b.basis === 'consent' && b.consent?.withdraw) text += ` You can withdraw your consent at any time: ${sentence(lowerFirst(b.consent.withdraw))}`;
  return text;
}

/** "Why we use your data": each purpose, its data, and its lawful basis (Art 13(1)(c)-(d), Art 9, Art 10). */
export function purposesSection(scope: Scope): NoticeSection {
  const d = scope.declaration;
  const blocks: Block[] = [];
  if (!scope.purposes.length) {
    blocks.push({ type: 'paragraph', text: 'We have not declared any purposes for which we use personal data about you.' });
    return { id: 'why-we-use-your-data', heading: 'Why we use your data', blocks, covers: ['art13-1-c'] };
  }
  blocks.push({
    type: 'paragraph',
    text: 'The law allows us to use personal data only where we have a lawful basis. For each purpose below we say what we do, which data we use, and the lawful basis we rely on.',
  });
  const cats = new Map(d.data_categories.map((c) => [c.id, c]));
  const subjects = new Map(d.subjects.map((s) => [s.id, s.name]));
  const recipients = new Map(d.recipients.map((r) => [r.id, r.name]));
  const decisions = new Map(d.automated_decisions.map((a) => [a.id, a.name]));
  const controllers = new Map((d.organisation.other_controllers ?? []).map((c) => [c.id, c]));

  for (const p of scope.purposes) {
    blocks.push({ type: 'subheading', text: p.name });
    if (p.description) blocks.push({ type: 'paragraph', text: p.description });
    const items: { term: Inline; details: Inline[] }[] = [];
    if (!scope.audience && d.subjects.length > 1 && p.subjects.length) {
      items.push({ term: 'Whose data', details: [joinNames(p.subjects.map((id) => subjects.get(id) ?? id))] });
    }
    const dataNames = p.data_categories.map((id) => (cats.get(id) ? categoryLabel(cats.get(id)!) : id));
    if (dataNames.length) items.push({ term: 'Data we use', details: [joinNames(dataNames)] });
    items.push({ term: p.lawful_bases.length > 1 ? 'Lawful bases' : 'Lawful basis', details: p.lawful_bases.map(basisText) });
    const sc = p.special_category_condition;
    if (sc) {
      const c = ART9_CONDITIONS[sc.condition];
      const sched = sc.schedule_1 ? `, with DPA 2018 Schedule 1: ${sc.schedule_1}` : '';
      items.push({ term: 'Special category data', details: [`${c?.label ?? sc.condition} (UK GDPR ${c?.article ?? 'Art 9(2)'})${sched}.`] });
    }
    if (p.criminal_offence_condition) items.push({ term: 'Criminal offence data', details: [p.criminal_offence_condition] });
    if (p.joint_controllers?.length) {
      const names = p.joint_controllers.map((id) => controllers.get(id)?.legal_name ?? id);
      items.push({ term: 'Joint controllers', details: [`We decide this together with ${joinList(names)}.`] });
    }
    if (p.recipients?.length) items.push({ term: 'Shared with', details: [joinList(p.recipients.map((id) => recipients.get(id) ?? id))] });
    if (p.automated_decisions?.length) {
      const link: Span[] = [
        { text: `Includes automated decisions: ${joinList(p.automated_decisions.map((id) => decisions.get(id) ?? id))}. See ` },
        { text: 'Automated decisions', href: '#automated-decisions' },
        { text: '.' },
      ];
      items.push({ term: 'Automated decisions', details: [link] });
    }
    if (p.direct_marketing || objectable(p)) {
      const how = p.objection ? ` ${sentence(p.objection)}` : '';
      items.push({
        term: 'Your right to object',
        details: [[{ text: `${p.direct_marketing ? 'You can object to this at any time and we will stop.' : 'You can object to this.'}${how} See ` }, { text: 'Your right to object', href: '#your-right-to-object' }, { text: '.' }]],
      });
    }
    blocks.push({ type: 'definitions', items });
  }
  const covers: NoticeSection['covers'] = scope.purposes.some((p) => p.lawful_bases.some((b) => b.basis === 'legitimate_interests')) ? ['art13-1-c', 'art13-1-d'] : ['art13-1-c'];
  return { id: 'why-we-use-your-data', heading: 'Why we use your data', blocks, covers };
}

/** True when the purpose relies on a basis the Art 21(1) right to object applies to: (e) public task or (f) legitimate interests. */
export function objectable(p: Purpose): boolean {
  return p.lawful_bases.some((b) => b.basis === 'legitimate_interests' || b.basis === 'public_task');
}
