import { migration0001Audit } from './0001-audit.js';

/**
 * Every migration, in order. One set serves PGlite and PostgreSQL (one SQL dialect). A migration is never
 * edited once released: add a new one. Each capability adds its file here with the next free number.
 */
export const migrations: { name: string; up: (db: import('kysely').Kysely<unknown>) => Promise<void> }[] = [migration0001Audit];
