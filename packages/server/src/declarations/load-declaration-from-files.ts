import { posix } from 'node:path';
import { loadDeclaration, type LoadResult } from '@pledge/core';
import { memorySourceReader } from './memory-source-reader.js';

/** Normalises a file name of a published folder: POSIX separators, no leading "./". */
export function normaliseFileName(name: string): string {
  return posix.normalize(name.replace(/\\/g, '/'));
}

/**
 * Loads a declaration from in-memory files (name -> text) starting at `entry`, with the same loader `pledge check`
 * uses. The CLI's `publish` runs this too, so what it checks is what the service receives.
 */
export function loadDeclarationFromFiles(files: Readonly<Record<string, string>>, entry: string): LoadResult {
  const map = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) map.set(normaliseFileName(name), text);
  return loadDeclaration(normaliseFileName(entry), memorySourceReader(map));
}
