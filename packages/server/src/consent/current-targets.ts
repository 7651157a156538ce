import { childConsentRule, consentTargets, type ChildConsentRule, type ConsentTarget, type Declaration } from '@pledge/core';
import type { Kysely } from 'kysely';
import { versionByNumber } from '../declarations/read-declaration-versions.js';
import type { Database } from '../store/database.js';

export interface CurrentTargets {
  version: number;
  declaration: Declaration;
  targets: ConsentTarget[];
  byKey: Map<string, ConsentTarget>;
  childRule: ChildConsentRule | undefined;
}

const cache = new WeakMap<Kysely<Database>, CurrentTargets>();

/**
 * What receipts may name now: the targets of the current published declaration. One indexed query per call finds the
 * current version number; the declaration is read and its targets worked out once per version (per store).
 * @returns undefined when nothing is published yet.
 */
export async function currentTargets(db: Kysely<Database>): Promise<CurrentTargets | undefined> {
  const head = await db.selectFrom('declaration_versions').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!head) return undefined;
  const version = Number(head.version);
  const hit = cache.get(db);
  if (hit?.version === version) return hit;
  const v = await versionByNumber(db, version);
  if (!v) return undefined;
  const targets = consentTargets(v.declaration);
  const made: CurrentTargets = { version, declaration: v.declaration, targets, byKey: new Map(targets.map((t) => [t.key, t])), childRule: childConsentRule(v.declaration) };
  cache.set(db, made);
  return made;
}
