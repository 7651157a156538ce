import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadDeclaration, type LoadResult, type SourceReader } from '@pledge/core';

/** Reads declaration files from disk; paths in findings are shown relative to the working directory. */
export const fsReader: SourceReader = {
  read: (path) => readFileSync(path),
  resolve: (from, rel) => {
    const abs = resolve(dirname(from), rel);
    const shown = relative(process.cwd(), abs);
    return shown.startsWith('..') ? abs : shown;
  },
};

/**
 * Loads a declaration from a file, or from a folder: its `pledge.yaml` (which may include others),
 * or else every .yaml/.yml file in it, in name order, the first being the entry.
 */
export function loadDeclarationFile(path: string): LoadResult {
  let entry = path;
  let st;
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) {
    const names = readdirSync(path).filter((n) => /\.ya?ml$/.test(n)).sort();
    const main = names.find((n) => n === 'pledge.yaml' || n === 'pledge.yml' || n === 'declaration.yaml');
    if (main) entry = join(path, main);
    else if (names.length > 0) {
      // A folder without an entry file: the first file includes the rest.
      const [first, ...rest] = names;
      entry = join(path, first!);
      const base = fsReader.read(entry);
      const text = typeof base === 'string' ? base : Buffer.from(base).toString('utf8');
      if (rest.length && !/^include:/m.test(text)) {
        const reader: SourceReader = {
          read: (p) => (p === entry ? `${text}\ninclude: ${JSON.stringify(rest)}\n` : fsReader.read(p)),
          resolve: fsReader.resolve,
        };
        return loadDeclaration(entry, reader);
      }
    } else entry = join(path, 'pledge.yaml');
  }
  return loadDeclaration(entry, fsReader);
}
