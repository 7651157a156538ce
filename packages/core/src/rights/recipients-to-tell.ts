import type { Declaration } from '../declaration/schema/declaration.js';
import type { Recipient } from '../declaration/schema/recipients.js';

/** One recipient to tell about a rectification, erasure or restriction (UK GDPR Art 19). */
export interface RecipientToTell {
  recipientId: string;
  name: string;
  kind: Recipient['kind'];
  /**
   * True for a category of recipients ("law enforcement", "our auditors"): they are told only where data was in
   * fact disclosed to one of them, so staff confirm before it counts as owed.
   */
  category: boolean;
  /** The system ids (as given) through which this recipient received the data. */
  via: string[];
  /** The data categories concerned. */
  dataCategories: string[];
}

export interface RecipientsToTell {
  recipients: RecipientToTell[];
  /** Ids that name nothing in the declaration: the caller should say so rather than tell no one. */
  unknown: string[];
  /** Art 19, for the record the request keeps. */
  citation: string;
}

/**
 * The recipients to tell about a rectification, erasure or restriction, from the declaration (UK GDPR Art 19: "to each
 * recipient to whom the personal data have been disclosed, unless this proves impossible or involves
 * disproportionate effort"; the person is told who they are if they ask).
 *
 * A system id may name (in this order) a data category, a purpose, a recipient, or a processor activity:
 * - a data category: the recipients of every purpose that uses it;
 * - a purpose: its recipients;
 * - a recipient (a processor that holds the data, e.g. a hosted CRM): that recipient itself;
 * - a processor activity: its subprocessors.
 * The result lists each recipient once, in declaration order, with the ids that led to it.
 */
export function recipientsToTell(declaration: Declaration, systemIds: readonly string[]): RecipientsToTell {
  const d = declaration;
  const byRecipient = new Map<string, { via: Set<string>; cats: Set<string> }>();
  const unknown: string[] = [];
  const add = (recipientId: string, via: string, cats: readonly string[]) => {
    const entry = byRecipient.get(recipientId) ?? { via: new Set<string>(), cats: new Set<string>() };
    entry.via.add(via);
    for (const c of cats) entry.cats.add(c);
    byRecipient.set(recipientId, entry);
  };
  for (const id of systemIds) {
    const category = d.data_categories.find((c) => c.id === id);
    const purpose = d.purposes.find((p) => p.id === id);
    const recipient = d.recipients.find((r) => r.id === id);
    const activity = d.processor_activities.find((a) => a.id === id);
    if (category) {
      for (const p of d.purposes.filter((x) => x.data_categories.includes(id))) for (const r of p.recipients ?? []) add(r, id, [id]);
      for (const a of d.processor_activities.filter((x) => x.data_categories.includes(id))) for (const r of a.subprocessors ?? []) add(r, id, [id]);
    } else if (purpose) {
      for (const r of purpose.recipients ?? []) add(r, id, purpose.data_categories);
    } else if (recipient) {
      const cats = d.purposes.filter((p) => (p.recipients ?? []).includes(id)).flatMap((p) => p.data_categories);
      add(id, id, cats);
    } else if (activity) {
      for (const r of activity.subprocessors ?? []) add(r, id, activity.data_categories);
    } else {
      unknown.push(id);
    }
  }
  const recipients = d.recipients
    .filter((r) => byRecipient.has(r.id))
    .map((r): RecipientToTell => {
      const e = byRecipient.get(r.id)!;
      const catOrder = d.data_categories.map((c) => c.id);
      return {
        recipientId: r.id,
        name: r.name,
        kind: r.kind,
        category: r.category === true,
        via: [...e.via],
        dataCategories: [...e.cats].sort((a, b) => catOrder.indexOf(a) - catOrder.indexOf(b)),
      };
    });
  return { recipients, unknown, citation: 'UK GDPR Art 19' };
}
