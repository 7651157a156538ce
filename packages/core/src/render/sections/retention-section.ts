import type { Purpose } from '../../declaration/schema/processing.js';
import type { RetentionRule } from '../../declaration/schema/retention.js';
import type { Declaration } from '../../declaration/schema/declaration.js';
import type { NoticeSection } from '../notice-model.js';
import type { Scope } from '../scope-declaration.js';
import { fromEvent, holdPhrase, joinList, joinNames, resetEvent, sentence } from '../words.js';

/** How long, in one sentence: "24 months from our last contact with you; the period restarts when you reply to us." */
export function retentionPeriodText(r: RetentionRule): string {
  const parts: string[] = [];
  if (r.period) {
    let s = r.from ? `${r.period} ${fromEvent(r.from)}` : r.period;
    if (r.reset_by?.length) s += `; the period starts again when ${joinList(r.reset_by.map(resetEvent), 'or')}`;
    parts.push(`${s}.`);
  }
  if (r.criteria) parts.push(sentence(r.period ? `How long also depends on: ${r.criteria}` : r.criteria));
  if (r.reason) parts.push(`Why: ${sentence(r.reason)}`);
  if (r.legal_holds?.length) parts.push(`We may keep it longer while ${joinList(r.legal_holds.map(holdPhrase), 'or')}.`);
  return parts.join(' ');
}

/** What the rule covers, in words: its name, or the purposes and categories it names. */
export function retentionSubject(r: RetentionRule, d: Declaration): string {
  const purposes = new Map(d.purposes.map((p) => [p.id, p.name]));
  const cats = new Map(d.data_categories.map((c) => [c.id, c.name]));
  const names = [...(r.purposes ?? []).map((id) => purposes.get(id) ?? id), ...(r.data_categories ?? []).map((id) => cats.get(id) ?? id)];
  if (r.name) return names.length ? `${r.name} (${joinNames(names)})` : r.name;
  return names.length ? joinNames(names) : 'All other personal data';
}

/** "How long we keep it": each retention rule, its trigger, resets, criteria, legal holds, and its declared action (Art 13(2)(a)). */
export function retentionSection(scope: Scope): NoticeSection | undefined {
  const rules = scope.retention.filter((r) => r.period || r.criteria);
  if (!rules.length) return undefined;
  const rows = rules.map((r) => [
    retentionSubject(r, scope.declaration),
    retentionPeriodText(r),
    r.action === 'anonymise' ? 'Then anonymised.' : 'Then deleted.',
  ]);
  return {
    id: 'how-long-we-keep-it',
    heading: 'How long we keep it',
    blocks: [
      { type: 'paragraph', text: 'This table shows how long we keep each kind of personal data, and what happens to it at the end.' },
      { type: 'table', caption: 'How long we keep personal data', columns: ['Data', 'How long we keep it', 'At the end'], rows },
    ],
    covers: ['art13-2-a'],
  };
}
