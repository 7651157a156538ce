import { diffDeclarations, lintDeclaration, type Declaration } from '@pledge/core';
import { sql } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Actor } from '../audit/audit-entry.js';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { bannerSizeWarning } from '../consent-banner/banner-budget.js';
import { contentHash } from './content-hash.js';
import type { DeclarationVersion } from './declaration-version.js';
import { findingDetail, type FindingDetail } from './finding-detail.js';
import { loadDeclarationFromFiles, normaliseFileName } from './load-declaration-from-files.js';
import { currentVersion, versionByNumber } from './read-declaration-versions.js';

export interface PublishInput {
  /** The declaration's files, name -> text; one file or a folder. */
  files: Record<string, string>;
  /** Which file is the entry (a key of `files`). */
  entry: string;
  note?: string;
  actor: Actor;
}

export interface PublishResult {
  version: DeclarationVersion;
  /** Findings below error level: published anyway, shown to the publisher. */
  warnings: FindingDetail[];
}

/** Advisory lock that orders publishers, so two processes never take the same version number. */
const PUBLISH_LOCK = 7_305_517_004;

const where = (d: FindingDetail) => (d.at ? `${d.at}: ` : '');

/**
 * Publishes a declaration as the next version: loads it with the same loader as `pledge check`, refuses input
 * that cannot be read (422) or has findings at error level (422), refuses a declaration identical to the current
 * version (409), then stores the version with its diff from the previous one and an audit entry, in one
 * transaction.
 */
export async function publishDeclaration(deps: ServiceDeps, input: PublishInput): Promise<PublishResult> {
  const entry = normaliseFileName(input.entry);
  if (!Object.keys(input.files).some((n) => normaliseFileName(n) === entry)) {
    throw new PledgeError('invalid_input', `The entry file "${input.entry}" is not among the files sent (${Object.keys(input.files).join(', ') || 'none'}).`);
  }
  const loaded = loadDeclarationFromFiles(input.files, entry);
  if (!loaded.declaration || loaded.findings.length) {
    const findings = loaded.findings.map(findingDetail);
    const first = findings[0];
    throw new PledgeError(
      'unprocessable',
      `The declaration cannot be read (${findings.length} problem${findings.length === 1 ? '' : 's'}${first ? `; first: ${where(first)}${first.message}` : ''}). Run "pledge check" on it and fix every problem before publishing.`,
      { findings },
    );
  }
  const lint = lintDeclaration(loaded.declaration, { sourceMap: loaded.sourceMap }).map(findingDetail);
  const errors = lint.filter((f) => f.severity === 'error');
  if (errors.length) {
    const first = errors[0]!;
    throw new PledgeError(
      'unprocessable',
      `The declaration has ${errors.length} finding${errors.length === 1 ? '' : 's'} at error level (first: ${where(first)}${first.message}). Run "pledge check" on it and fix them before publishing.`,
      { findings: errors },
    );
  }
  // Stored and hashed as JSON, exactly as it will be read back.
  const declaration = JSON.parse(JSON.stringify(loaded.declaration)) as Declaration;
  const hash = contentHash(declaration);
  const read = new Set(loaded.files);
  const sourceFiles = Object.fromEntries(Object.entries(input.files).map(([n, t]) => [normaliseFileName(n), t] as const).filter(([n]) => read.has(n)));
  const note = input.note?.trim() || null;

  const version = await deps.store.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`.execute(trx);
    const current = await currentVersion(trx);
    if (current?.contentHash === hash) {
      throw new PledgeError('conflict', `No changes: the declaration is identical to the current version ${current.version} (published ${current.publishedAt.slice(0, 10)}). Nothing was published.`, {
        version: current.version,
        contentHash: hash,
      });
    }
    const diff = current ? diffDeclarations(current.declaration, declaration) : null;
    const summary = diff ? (diff.summary.length ? diff.summary : ['No change to what the notice says']) : ['First published version'];
    const number = (current?.version ?? 0) + 1;
    await trx
      .insertInto('declaration_versions')
      .values({
        version: number,
        published_at: deps.clock.now().toISOString(),
        published_by_type: input.actor.type,
        published_by_id: input.actor.id ?? null,
        entry,
        source_yaml: sourceFiles[entry] ?? '',
        source_files: Object.keys(sourceFiles).length > 1 ? JSON.stringify(sourceFiles) : null,
        declaration: JSON.stringify(declaration),
        content_hash: hash,
        diff: diff ? JSON.stringify(diff) : null,
        material: diff?.isMaterial ?? false,
        summary: JSON.stringify(summary),
        note,
      })
      .execute();
    await appendAudit(trx, deps.clock, {
      actor: input.actor,
      action: 'declaration.published',
      subject: { type: 'declaration_version', id: String(number) },
      before: current ? { version: current.version, contentHash: current.contentHash } : null,
      after: { version: number, contentHash: hash, material: diff?.isMaterial ?? false, summary },
      details: { files: Object.keys(sourceFiles), note },
    });
    return (await versionByNumber(trx, number))!;
  });
  const warnings = lint.filter((f) => f.severity !== 'error');
  // The served banner embeds the cookie table: say when it grows past the banner's size budget (published anyway).
  const banner = bannerSizeWarning(deps, version);
  if (banner) warnings.push(banner);
  return { version, warnings };
}
