import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the migrated PGlite template for this version of the migrations lives. Creating a PGlite data folder takes
 * seconds; copying a migrated one takes milliseconds, so tests copy this template (see clone-template.ts).
 */
export function templateDir(): string {
  const dir = fileURLToPath(new URL('../store/migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return join(tmpdir(), `pledge-pglite-template-${hash.digest('hex').slice(0, 16)}`);
}
