import type { DeclarationPath } from '../declaration/finding.js';
import type { Declaration } from '../declaration/schema/declaration.js';

interface Entry<T> {
  item: T;
  index: number;
  path: DeclarationPath;
}

export type ReferenceKind = 'subjects' | 'data_categories' | 'purposes' | 'recipients' | 'retention' | 'automated_decisions' | 'other_controllers';

/** A string value of the declaration with its path, for checks that read the words. */
export interface TextValue {
  path: DeclarationPath;
  value: string;
}

/** Lookups over a declaration that many rules share. Built once per check. */
export class DeclarationIndex {
  readonly byId: Record<ReferenceKind, Map<string, Entry<{ id: string }>>>;

  constructor(readonly declaration: Declaration) {
    const build = <T extends { id: string }>(list: readonly T[] | undefined, section: DeclarationPath) => {
      const map = new Map<string, Entry<T>>();
      (list ?? []).forEach((item, index) => {
        if (!map.has(item.id)) map.set(item.id, { item, index, path: [...section, index] });
      });
      return map;
    };
    const d = declaration;
    this.byId = {
      subjects: build(d.subjects, ['subjects']),
      data_categories: build(d.data_categories, ['data_categories']),
      purposes: build(d.purposes, ['purposes']),
      recipients: build(d.recipients, ['recipients']),
      retention: build(d.retention, ['retention']),
      automated_decisions: build(d.automated_decisions, ['automated_decisions']),
      other_controllers: build(d.organisation.other_controllers, ['organisation', 'other_controllers']),
    };
  }

  /** Every id reference in the declaration: where it is, what kind it must name, and the id. */
  *references(): Generator<{ path: DeclarationPath; kind: ReferenceKind; id: string }> {
    const d = this.declaration;
    const refs = function* (ids: readonly string[] | undefined, kind: ReferenceKind, path: DeclarationPath) {
      for (const [i, id] of (ids ?? []).entries()) yield { path: [...path, i], kind, id };
    };
    for (const [i, p] of d.purposes.entries()) {
      yield* refs(p.subjects, 'subjects', ['purposes', i, 'subjects']);
      yield* refs(p.data_categories, 'data_categories', ['purposes', i, 'data_categories']);
      yield* refs(p.recipients, 'recipients', ['purposes', i, 'recipients']);
      yield* refs(p.automated_decisions, 'automated_decisions', ['purposes', i, 'automated_decisions']);
      yield* refs(p.joint_controllers, 'other_controllers', ['purposes', i, 'joint_controllers']);
    }
    for (const [i, a] of d.processor_activities.entries()) {
      yield* refs(a.subjects, 'subjects', ['processor_activities', i, 'subjects']);
      yield* refs(a.data_categories, 'data_categories', ['processor_activities', i, 'data_categories']);
      yield* refs(a.subprocessors, 'recipients', ['processor_activities', i, 'subprocessors']);
    }
    for (const [i, r] of d.retention.entries()) {
      yield* refs(r.purposes, 'purposes', ['retention', i, 'purposes']);
      yield* refs(r.data_categories, 'data_categories', ['retention', i, 'data_categories']);
    }
    for (const [i, c] of (d.cookies?.items ?? []).entries()) {
      if (c.recipient) yield { path: ['cookies', 'items', i, 'recipient'], kind: 'recipients', id: c.recipient };
    }
  }

  /** Every string in the declaration with its path. */
  *texts(): Generator<TextValue> {
    const walk = function* (value: unknown, path: DeclarationPath): Generator<TextValue> {
      if (typeof value === 'string') yield { path, value };
      else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* walk(v, [...path, i]);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* walk(v, [...path, k]);
    };
    yield* walk(this.declaration, []);
  }

  /** Purposes that use a data category. */
  purposesUsing(categoryId: string) {
    return this.declaration.purposes.filter((p) => p.data_categories.includes(categoryId));
  }
}
