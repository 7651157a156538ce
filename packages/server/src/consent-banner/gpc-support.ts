import { honoursGlobalPrivacyControl, type Declaration } from '@pledge/core';
import type { ServiceDeps } from '../service-deps.js';
import '../declarations/declaration-tables.js';

/** The GPC support resource, `/.well-known/gpc.json` (GPC specification, section "Well-known resource"). */
export interface GpcSupport {
  gpc: boolean;
  /** The date (YYYY-MM-DD) the `gpc` value last changed: when the version that set it was published. */
  lastUpdate: string;
}

/** Per store (tests run several services in one process), the answer for the newest version. */
const caches = new WeakMap<object, { version: number; support: GpcSupport }>();

/**
 * Whether this Pledge's published declaration honours Global Privacy Control, and since when. `lastUpdate` is the
 * publication date of the oldest version in the unbroken run of versions, ending with the current one, that agree on
 * `gpc`: the version that introduced (or withdrew) support. Undefined when nothing is published.
 */
export async function gpcSupport(deps: ServiceDeps): Promise<GpcSupport | undefined> {
  const db = deps.store.db;
  const newest = await db.selectFrom('declaration_versions').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!newest) return undefined;
  const cache = caches.get(deps.store);
  if (cache && cache.version === Number(newest.version)) return cache.support;
  const rows = await db.selectFrom('declaration_versions').select(['version', 'published_at', 'declaration']).orderBy('version', 'desc').execute();
  const gpc = honoursGlobalPrivacyControl(rows[0]!.declaration as Declaration);
  let since = rows[0]!;
  for (const r of rows) {
    if (honoursGlobalPrivacyControl(r.declaration as Declaration) !== gpc) break;
    since = r;
  }
  const support = { gpc, lastUpdate: new Date(since.published_at).toISOString().slice(0, 10) };
  caches.set(deps.store, { version: Number(newest.version), support });
  return support;
}
