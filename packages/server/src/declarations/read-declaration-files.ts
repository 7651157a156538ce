import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { loadDeclaration, type LoadResult, type SourceReader } from '@pledge/core';
import { PledgeError } from '../errors/pledge-error.js';

export interface DeclarationFiles {
  /** Every file the declaration reads, name (relative to the folder, POSIX) -> text. */
  files: Record<string, string>;
  /** The entry file's name, a key of `files`. */
  entry: string;
  /** The declaration loaded from the disk while the files were collected. */
  loaded: LoadResult;
}

const ENTRY_NAMES = ['pledge.yaml', 'pledge.yml', 'declaration.yaml'];

/**
 * Reads a declaration file, or a folder (its pledge.yaml / declaration.yaml, or else every .yaml file in it, the
 * first including the rest, as `pledge check` does), into the name -> text map that is published. The loader
 * itself finds the included files, so exactly the files it reads are sent, named relative to the folder.
 */
export function readDeclarationFiles(path: string): DeclarationFiles {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new PledgeError('invalid_input', `No declaration at ${path}: give a YAML file or a folder holding pledge.yaml.`);
  }
  let base = dirname(path);
  let entry = basename(path);
  let extraInclude: string[] = [];
  if (st.isDirectory()) {
    base = path;
    const names = readdirSync(path).filter((n) => /\.ya?ml$/.test(n)).sort();
    const main = names.find((n) => ENTRY_NAMES.includes(n));
    if (main) entry = main;
    else if (names.length) {
      entry = names[0]!;
      // A folder without an entry file: the first file includes the rest (as `pledge check` reads it).
      if (!/^include:/m.test(readFileSync(join(path, entry), 'utf8'))) extraInclude = names.slice(1);
    } else throw new PledgeError('invalid_input', `The folder ${path} holds no .yaml files: put the declaration in ${path}/pledge.yaml.`);
  }
  const files: Record<string, string> = {};
  const reader: SourceReader = {
    read: (name) => {
      const bytes = readFileSync(join(base, name));
      let text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
      if (name === entry && extraInclude.length) text = `${text}\ninclude: ${JSON.stringify(extraInclude)}\n`;
      files[name] = text;
      // The loader checks the bytes themselves (encoding), so hand it bytes unless the text was extended.
      return name === entry && extraInclude.length ? text : bytes;
    },
    resolve: (from, rel) => posix.normalize(posix.join(posix.dirname(from), rel)),
  };
  const loaded = loadDeclaration(entry, reader);
  return { files, entry, loaded };
}
