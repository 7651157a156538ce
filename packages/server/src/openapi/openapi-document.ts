import type { FastifyInstance } from 'fastify';
import { sortKeys } from './sort-keys.js';

/**
 * The OpenAPI 3.1 document of a ready app, generated from its route schemas (zod, through @fastify/swagger), with
 * stable key order. `openapi/openapi.json` at the repository root is this, checked in; a test fails when they differ.
 */
export function openApiDocument(app: FastifyInstance): Record<string, unknown> {
  return sortKeys(app.swagger() as unknown as Record<string, unknown>);
}

/** The document as the checked-in file holds it: two-space JSON and a final newline. */
export function openApiText(app: FastifyInstance): string {
  return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
}
