import { formatJson, formatSarif, formatText, rules, type Declaration, type Finding, type LoadResult } from '@pledge/core';
import type { CliIo } from '../cli/command.js';
import { VERSION } from '../cli/version.js';
import { loadDeclarationFile } from '../load-declaration-file.js';

export type ReportFormat = 'text' | 'json' | 'sarif';

/** Formats findings for the chosen output. */
export function formatFindings(findings: readonly Finding[], format: ReportFormat, io: CliIo): string {
  if (format === 'json') return formatJson(findings);
  if (format === 'sarif') return formatSarif(findings, { rules, toolVersion: VERSION });
  return formatText(findings, { color: io.isTTY && !io.env.NO_COLOR });
}

/**
 * Loads a declaration; when it is unusable, writes the reasons to stderr (in `format`) and returns undefined,
 * and the caller exits with status 2.
 */
export function loadOrReport(path: string, io: CliIo, format: ReportFormat = 'text'): (LoadResult & { declaration: Declaration }) | undefined {
  const result = loadDeclarationFile(path);
  if (result.declaration && result.findings.length === 0) return result as LoadResult & { declaration: Declaration };
  io.stderr(formatFindings(result.findings, format, io));
  io.stderr(`pledge: ${path} cannot be used until the problems above are fixed.\n`);
  return undefined;
}
