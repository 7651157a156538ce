import { LineCounter, parseDocument } from 'yaml';
import { Declaration } from './schema/declaration.js';
import type { Finding } from './finding.js';
import { schemaIssuesToFindings } from './schema-issues.js';
import { SourceMap } from './source-map.js';

/** How the loader reaches files. The CLI passes the file system; tests and the browser pass a map. */
export interface SourceReader {
  /** The bytes or text of a file; throw when it cannot be read. */
  read(path: string): string | Uint8Array;
  /** The path of `relative` as written inside the file `from`. */
  resolve(from: string, relative: string): string;
}

export interface LoadOptions {
  /** Largest accepted file, in bytes. */
  maxFileBytes?: number;
  /** Most files one declaration may include, directly or not. */
  maxFiles?: number;
}

export interface LoadResult {
  /** The validated declaration, or undefined when the input is unusable (see findings). */
  declaration?: Declaration;
  /** Problems that made the input unusable: syntax, schema, includes. All are errors. */
  findings: Finding[];
  /** Source positions for any path in the declaration. */
  sourceMap: SourceMap;
  /** Every file read, entry first. */
  files: string[];
}

/** Top-level lists that included files add to. */
const LIST_SECTIONS = ['subjects', 'data_categories', 'purposes', 'processor_activities', 'recipients', 'retention', 'automated_decisions'] as const;

const DEFAULTS: Required<LoadOptions> = { maxFileBytes: 2_000_000, maxFiles: 100 };

function decode(file: string, content: string | Uint8Array): { text?: string; finding?: Finding } {
  if (typeof content === 'string') return { text: content };
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    // Name the first line that is not UTF-8 so the author can find it.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= content.length; i++) {
      if (i === content.length || content[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(content.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    return {
      finding: {
        ruleId: 'file-encoding',
        severity: 'error',
        path: [],
        message: `${file} is not UTF-8 text (first bad byte on line ${line}). Save the file as UTF-8.`,
        location: { file, line, column: 1, endLine: line, endColumn: 1, lineText: '' },
      },
    };
  }
}

/**
 * Reads a declaration (one file and the files it includes), checks it against the schema and
 * returns it with source positions. Never throws on bad input: every problem becomes a finding.
 *
 * @example
 * const files = { 'pledge.yaml': 'pledge: 1\norganisation: {legal_name: Acme Ltd}\n' };
 * const r = loadDeclaration('pledge.yaml', { read: (p) => files[p], resolve: (_f, rel) => rel });
 * r.declaration?.organisation.legal_name // 'Acme Ltd'
 */
export function loadDeclaration(entry: string, reader: SourceReader, options: LoadOptions = {}): LoadResult {
  const opts = { ...DEFAULTS, ...options };
  const sourceMap = new SourceMap();
  const findings: Finding[] = [];
  const files: string[] = [];

  /** Parses one file into plain data recorded in the source map under `prefix`; undefined on failure. */
  const parseFile = (file: string, includedFrom?: { file: string; path: (string | number)[] }): Record<string, unknown> | undefined => {
    const fail = (ruleId: string, message: string): undefined => {
      findings.push({
        ruleId,
        severity: 'error',
        path: includedFrom?.path ?? [],
        message,
        location: includedFrom
          ? sourceMap.locate(includedFrom.path)
          : (sourceMap.locateOffset(file, 0) ?? { file, line: 1, column: 1, endLine: 1, endColumn: 1, lineText: '' }),
      });
      return undefined;
    };
    let content: string | Uint8Array;
    try {
      content = reader.read(file);
    } catch (e) {
      const why = (e as { code?: string })?.code === 'ENOENT' ? 'no such file' : (e as Error)?.message ?? String(e);
      return fail('file-unreadable', `Cannot read ${file}: ${why}. Check the path${includedFrom ? ` in the include list of ${includedFrom.file}` : ''}.`);
    }
    const size = typeof content === 'string' ? content.length : content.byteLength;
    if (size > opts.maxFileBytes) {
      return fail('file-too-large', `${file} is ${size} bytes; a declaration file may be at most ${opts.maxFileBytes} bytes. Split it with include.`);
    }
    const decoded = decode(file, content);
    if (decoded.finding) {
      findings.push(decoded.finding);
      return undefined;
    }
    const text = decoded.text!;
    files.push(file);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
    sourceMap.addDocument(file, text, lines, doc, includedFrom ? [`\u0002${file}`] : []);
    if (doc.errors.length > 0) {
      for (const err of doc.errors.slice(0, 20)) {
        const loc = sourceMap.locateOffset(file, err.pos[0], err.pos[1]);
        const first = /call stack/i.test(err.message)
          ? 'The YAML is nested too deeply to read'
          : err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        const hint =
          err.code === 'DUPLICATE_KEY'
            ? ' Remove or rename one of them.'
            : err.code === 'TAB_AS_INDENT'
              ? ' Indent with spaces.'
              : /call stack/i.test(err.message)
                ? ' A declaration needs only a few levels of nesting: flatten this value.'
                : ' Fix the YAML syntax here.';
        findings.push({ ruleId: 'yaml-syntax', severity: 'error', path: [], message: `${first}.${hint}`, location: loc });
      }
      return undefined;
    }
    let data: unknown;
    try {
      // maxAliasCount bounds the expansion of YAML aliases ("billion laughs").
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (e) {
      findings.push({
        ruleId: 'yaml-aliases',
        severity: 'error',
        path: [],
        message: `${file}: ${(e as Error).message}. Write the values out instead of using so many aliases.`,
        location: sourceMap.locateOffset(file, 0),
      });
      return undefined;
    }
    if (data === null || data === undefined) return fail('file-empty', `${file} is empty. A declaration starts with "pledge: 1" and an organisation.`);
    if (typeof data !== 'object' || Array.isArray(data)) {
      return fail('file-not-mapping', `${file} must be a mapping of keys (pledge, organisation, purposes, ...), not ${Array.isArray(data) ? 'a list' : 'a single value'}.`);
    }
    return data as Record<string, unknown>;
  };

  const root = parseFile(entry);
  if (!root) return { findings, sourceMap, files };

  // Includes: each included file's lists are appended; other sections may be defined only once.
  const owner = new Map<string, string>();
  for (const k of Object.keys(root)) owner.set(k, entry);
  const visit = (file: string, data: Record<string, unknown>, stack: string[]): void => {
    const list = data.include;
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      findings.push({ ruleId: 'include-invalid', severity: 'error', path: ['include'], message: 'include must be a list of relative file paths.', location: sourceMap.locate(['include']) });
      return;
    }
    list.forEach((rel, index) => {
      const includePath: (string | number)[] = stack.length === 1 ? ['include', index] : [`\u0002${file}`, 'include', index];
      if (typeof rel !== 'string') {
        findings.push({ ruleId: 'include-invalid', severity: 'error', path: includePath, message: 'Each include entry is a relative file path (text).' });
        return;
      }
      const target = reader.resolve(file, rel);
      if (stack.includes(target)) {
        findings.push({
          ruleId: 'include-cycle',
          severity: 'error',
          path: includePath,
          message: `Include cycle: ${[...stack, target].join(' -> ')}. Remove one of these includes.`,
          location: sourceMap.locate(includePath),
        });
        return;
      }
      if (files.length >= opts.maxFiles) {
        findings.push({ ruleId: 'include-too-many', severity: 'error', path: includePath, message: `More than ${opts.maxFiles} files are included. Merge some of them.` });
        return;
      }
      const before = findings.length;
      const child = parseFile(target, { file, path: includePath });
      if (!child) {
        // Point the failure at the include line when it has no location of its own.
        for (const f of findings.slice(before)) if (!f.location) f.location = sourceMap.locate(includePath);
        return;
      }
      for (const [k, value] of Object.entries(child)) {
        if (k === 'include') continue;
        if ((LIST_SECTIONS as readonly string[]).includes(k)) {
          if (!Array.isArray(value)) continue; // the schema reports the wrong type at root level below
          const existing = (root[k] ??= []) as unknown[];
          if (!Array.isArray(existing)) continue;
          value.forEach((item, i) => {
            sourceMap.alias([`\u0002${target}`, k, i], [k, existing.length]);
            existing.push(item);
          });
        } else if (owner.has(k)) {
          findings.push({
            ruleId: 'include-conflict',
            severity: 'error',
            path: [k],
            message: `"${k}" is defined in both ${owner.get(k)} and ${target}. Keep it in one file; only lists (${LIST_SECTIONS.join(', ')}) can be split across files.`,
            location: sourceMap.locate([k]),
          });
        } else {
          owner.set(k, target);
          sourceMap.alias([`\u0002${target}`, k], [k]);
          root[k] = value;
        }
      }
      visit(target, child, [...stack, target]);
    });
  };
  visit(entry, root, [entry]);
  delete root.include;
  if (findings.length) return { findings, sourceMap, files };

  const parsed = Declaration.safeParse(root);
  if (!parsed.success) {
    for (const f of schemaIssuesToFindings(Declaration, root, parsed.error.issues)) {
      f.location = sourceMap.locate(f.path, { key: f.ruleId === 'schema-unknown-key' });
      findings.push(f);
    }
    return { findings, sourceMap, files };
  }
  return { declaration: parsed.data, findings, sourceMap, files };
}

/** Loads a declaration held in one string (no includes), e.g. in the browser or a test. */
export function parseDeclaration(text: string, file = 'declaration.yaml'): LoadResult {
  return loadDeclaration(file, {
    read: (p) => {
      if (p !== file) throw new Error('includes are not available when parsing a single text');
      return text;
    },
    resolve: (_from, rel) => rel,
  });
}
