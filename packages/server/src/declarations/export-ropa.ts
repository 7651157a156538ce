import { buildRopa } from '@pledge/core';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { currentVersion, versionByNumber } from './read-declaration-versions.js';
import { ropaToCsv, ropaToXlsx } from './ropa-export/index.js';

export interface RopaExport {
  body: Buffer | string;
  contentType: string;
  filename: string;
}

/**
 * The record of processing (Art 30) of a published version, as CSV (controller or processor record) or the ICO
 * template spreadsheet. The export is recorded in the audit trail: it hands out the organisation's whole record.
 */
export async function exportRopa(deps: ServiceDeps, input: { version: number | 'current'; format: 'csv' | 'xlsx'; kind?: 'controller' | 'processor'; actor: Actor }): Promise<RopaExport> {
  const v = input.version === 'current' ? await currentVersion(deps.store.db) : await versionByNumber(deps.store.db, input.version);
  if (!v) {
    throw new PledgeError('not_found', input.version === 'current' ? 'No declaration has been published yet: publish one (POST /api/declarations or pledge publish) first.' : `There is no version ${input.version}.`);
  }
  const ropa = buildRopa(v.declaration);
  const kind = input.kind ?? 'controller';
  // Stamped with the publication date: the same version always gives the same bytes.
  const out: RopaExport =
    input.format === 'csv'
      ? { body: ropaToCsv(ropa, kind, { bom: true }), contentType: 'text/csv; charset=utf-8', filename: `record-of-processing-${kind}-v${v.version}.csv` }
      : {
          body: await ropaToXlsx(ropa, { source: `version ${v.version} (published ${v.publishedAt.slice(0, 10)})`, date: new Date(v.publishedAt) }),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          filename: `record-of-processing-v${v.version}.xlsx`,
        };
  await deps.store.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      actor: input.actor,
      action: 'ropa.exported',
      subject: { type: 'declaration_version', id: String(v.version) },
      details: { format: input.format, ...(input.format === 'csv' ? { kind } : {}) },
    }),
  );
  return out;
}
