import { posix } from 'node:path';
import type { SourceReader } from '@pledge/core';

/**
 * A SourceReader over files held in memory (a published folder), so the service loads a declaration exactly as
 * the CLI does from disk, without touching the disk. Paths are normalised POSIX paths relative to the folder.
 */
export function memorySourceReader(files: ReadonlyMap<string, string>): SourceReader {
  return {
    read: (path) => {
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error('no such file in the published folder'), { code: 'ENOENT' });
      return text;
    },
    resolve: (from, rel) => posix.normalize(posix.join(posix.dirname(from), rel)),
  };
}
