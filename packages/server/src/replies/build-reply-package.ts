import { createHash } from 'node:crypto';
import { buildAccessReport, renderAccessReportHtml, renderAccessReportText, type ReplyRequestType, type SearchedSystem } from '@pledge/core';
// fflate: maintained, dependency-free, synchronous in-memory ZIP (DEFLATE) in pure JS, ~8 KB; the package is built
// from files already in memory (each at most PLEDGE_REPLY_FILE_MAX_BYTES), so archiver's streams would add
// dependencies (archiver pulls in a dozen packages) without saving memory. Entries get a fixed date, so the same
// inputs give the same bytes.
import { zipSync, type Zippable } from 'fflate';
import type { Actor } from '../audit/audit-entry.js';
import { currentVersion } from '../declarations/read-declaration-versions.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { cleanFileName } from './detect-file-type.js';
import { openFile } from './file-encryption.js';
import { recordEvent } from '../rights/apply-action.js';
import { openRequest, storeReplyFile, toReplyFile, type ReplyFile } from './reply-files.js';
import { csvToRows, jsonTables, rowsToCsv, type Row } from './tabular-data.js';

export interface BuildReplyPackageInput {
  requestId: string;
  /** Default: the request's type, when it is access or portability. */
  requestType?: ReplyRequestType | undefined;
  /** Subject ids the person belongs to (the report then tells what concerns those groups). */
  subjects?: readonly string[] | undefined;
  /** How the search was made and why it was proportionate (Art 15(1A)). */
  search?: string | undefined;
  actor: Actor;
}

export interface ReplyPackage {
  file: ReplyFile;
  /** What the ZIP holds, path -> bytes. */
  entries: { path: string; bytes: number }[];
  declarationVersion: number;
}

/** YYYY-MM-DD in Europe/London (the statutory clock's time zone). */
export function londonDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const STORED_KINDS = new Set(['application/zip', 'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A path segment safe inside the ZIP: no slashes, no dot-dot, no control characters (no "zip slip" for whoever unpacks it). */
function segment(s: string): string {
  return cleanFileName(s).replace(/[^A-Za-z0-9._ -]/g, '_') || 'file';
}

/**
 * Builds the reply package for an access (Art 15) or portability (Art 20) request from the files staff attached,
 * and stores it (encrypted) as the request's package file, audited as "reply.package_built":
 * - `data/<system>/<name>.json` and `.csv` for every table of structured data (a JSON upload gains a CSV, a CSV
 *   upload gains a JSON), and other files (PDF, images, ZIP, text) as they are;
 * - `report.html` and `report.txt`: the Art 15 information from the declaration version in force;
 * - `manifest.json`: every file's path, size and SHA-256, the request reference and the declaration version.
 * Portability takes only structured data marked as provided by the person (Art 20(1)).
 */
export async function buildReplyPackage(deps: Pick<ServiceDeps, 'cipher' | 'clock' | 'store'>, input: BuildReplyPackageInput): Promise<ReplyPackage> {
  return deps.store.db.transaction().execute(async (trx) => {
    const request = await openRequest(trx, input.requestId);
    const requestType = input.requestType ?? (request.type === 'access' || request.type === 'portability' ? request.type : undefined);
    if (!requestType) throw new PledgeError('invalid_input', `Request R-${request.number} is a ${request.type} request: say which package to build, "access" or "portability" (requestType).`, { field: 'requestType' });
    const reference = `R-${request.number}`;
    const receivedAt = new Date(request.received_at ?? request.created_at);
    const version = await currentVersion(trx);
    if (!version) throw new PledgeError('conflict', 'No declaration is published: the access report draws its Art 15 information from it. Publish one (POST /api/declarations) first.');
    const uploads = await trx.selectFrom('reply_files').selectAll().where('request_id', '=', input.requestId).where('kind', '=', 'upload').where('purged_at', 'is', null).orderBy('created_at').orderBy('id').execute();
    const portability = requestType === 'portability';
    const preparedAt = londonDate(deps.clock.now());
    const files: Record<string, Uint8Array> = {};
    const used = new Set<string>();
    const put = (path: string, bytes: Uint8Array) => {
      let p = path;
      for (let i = 2; used.has(p); i++) p = path.replace(/(\.[^./]+)?$/, (ext) => `-${i}${ext}`);
      used.add(p);
      files[p] = bytes;
      return p;
    };
    const systems = new Map<string, SearchedSystem & { files: string[]; records: number }>();
    const skipped: string[] = [];
    /** Paths of files already compressed (ZIP, PDF, images): stored, not deflated again. */
    const compressed = new Set<string>();
    for (const row of uploads) {
      const meta = toReplyFile(deps.cipher, row);
      const tabular = meta.contentType.startsWith('application/json') || meta.contentType.startsWith('text/csv');
      if (portability && !(tabular && meta.providedByPerson)) {
        skipped.push(meta.id);
        continue;
      }
      const systemId = meta.systemId ?? 'other';
      const system = systems.get(systemId) ?? { id: systemId, name: meta.systemName ?? (meta.systemId ? systemId : 'Other records'), files: [], records: 0 };
      systems.set(systemId, system);
      const bytes = openFile(deps.cipher, row.id, row.data_key!, row.content!);
      const dir = `data/${segment(systemId)}`;
      const base = segment(meta.name).replace(/\.[^.]+$/, '');
      if (tabular) {
        const text = bytes.toString('utf8').replace(/^\ufeff/, '');
        let tables: { name: string | undefined; rows: Row[] }[];
        try {
          tables = meta.contentType.startsWith('text/csv') ? [{ name: undefined, rows: csvToRows(text) }] : jsonTables(JSON.parse(text));
        } catch (e) {
          throw new PledgeError('unprocessable', `The attached file "${meta.name}" (${meta.id}) cannot be read as ${meta.contentType.startsWith('text/csv') ? 'CSV' : 'JSON'}: ${(e as Error).message}. Delete it and attach a corrected file.`);
        }
        for (const t of tables) {
          const stem = t.name ? `${base}-${segment(t.name)}` : base;
          system.files.push(put(`${dir}/${stem}.json`, Buffer.from(`${JSON.stringify(t.rows, null, 2)}\n`, 'utf8')).slice(dir.length + 1));
          system.files.push(put(`${dir}/${stem}.csv`, Buffer.from(rowsToCsv(t.rows), 'utf8')).slice(dir.length + 1));
          system.records += t.rows.length;
        }
      } else {
        const path = put(`${dir}/${segment(meta.name)}`, bytes);
        if (STORED_KINDS.has(meta.contentType)) compressed.add(path);
        system.files.push(path.slice(dir.length + 1));
      }
    }
    const report = buildAccessReport(version.declaration, {
      requestType,
      receivedAt: londonDate(receivedAt),
      preparedAt,
      reference,
      ...(input.subjects?.length ? { subjects: input.subjects } : {}),
      ...(input.search ? { search: input.search } : {}),
      systems: [...systems.values()].map((s) => ({ ...s, files: s.files.map((f) => `data/${segment(s.id)}/${f}`) })),
      declarationVersion: { version: version.version, publishedAt: version.publishedAt },
    });
    put('report.html', Buffer.from(renderAccessReportHtml(report), 'utf8'));
    put('report.txt', Buffer.from(renderAccessReportText(report), 'utf8'));
    const listing = Object.entries(files).map(([path, b]) => ({ path, bytes: b.byteLength, sha256: createHash('sha256').update(b).digest('hex') }));
    const manifest = {
      request: reference,
      requestType,
      preparedAt,
      organisation: version.declaration.organisation.legal_name,
      declarationVersion: version.version,
      files: listing,
    };
    put('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));

    const mtime = new Date(`${preparedAt}T12:00:00Z`);
    const zippable: Zippable = {};
    for (const [path, bytes] of Object.entries(files)) zippable[path] = [bytes, { mtime, level: compressed.has(path) ? 0 : 6 }];
    const zip = zipSync(zippable);
    const name = `${segment(`${reference}-${preparedAt}`)}.zip`;
    const file = await storeReplyFile(trx, deps, { requestId: input.requestId, kind: 'package', bytes: zip, name, contentType: 'application/zip', actor: input.actor });
    const entries = Object.entries(files).map(([path, b]) => ({ path, bytes: b.byteLength }));
    await recordEvent(trx, deps, {
      requestId: input.requestId,
      actor: input.actor,
      kind: 'reply.package_built',
      summary: `${requestType === 'access' ? 'Access' : 'Portability'} package built (${entries.length} files, ${file.sizeBytes} bytes) from declaration version ${version.version}`,
      data: {
        fileId: file.id,
        requestType,
        declarationVersion: version.version,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        systems: [...systems.values()].map((s) => ({ id: s.id, records: s.records, files: s.files.length })),
        uploadsLeftOut: skipped,
      },
    });
    return { file, entries, declarationVersion: version.version };
  });
}
