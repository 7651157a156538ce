import { createHash } from 'node:crypto';
import type { Declaration } from '@pledge/core';
import { canonicalJson } from '../audit/hash-entry.js';

/**
 * The identity of a declaration's content: SHA-256 of its canonical JSON after validation and defaults. Comments,
 * key order and YAML formatting do not change it, so republishing a reformatted file is "no changes".
 */
export function contentHash(declaration: Declaration): string {
  return createHash('sha256').update(canonicalJson(declaration)).digest('hex');
}
