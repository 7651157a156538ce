import { z } from 'zod';
import { Declaration } from './schema/declaration.js';

/** The schema's identifier; editors find the file through the yaml-language-server comment or their settings. */
export const SCHEMA_ID = 'urn:pledge:schema:declaration:1';

/**
 * The JSON Schema (draft 2020-12) of a declaration, generated from the same zod schemas that validate it.
 * Describes the input form: keys with defaults are optional.
 */
export function declarationJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Declaration, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: SCHEMA_ID, title: 'Pledge declaration', ...schema };
}
