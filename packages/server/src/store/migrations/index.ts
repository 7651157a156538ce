import { migration0001Audit } from './0001-audit.js';
import { migration0002Accounts } from './0002-accounts.js';
import { migration0003Mail } from './0003-mail.js';
import { migration0004Declarations } from './0004-declarations.js';
import { migration0005Rights } from './0005-rights.js';
import { migration0006Replies } from './0006-replies.js';
import { migration0007Suppression } from './0007-suppression.js';
import { migration0008Consent } from './0008-consent.js';
import { migration0009IdentityDocuments } from './0009-identity-documents.js';
import { migration0010RightsLinks } from './0010-rights-links.js';
import { migration0011RightsIntakeFees } from './0011-rights-intake-fees.js';
import { migration0012RightsChase } from './0012-rights-chase.js';
import { migration0013PreferenceObjections } from './0013-preference-objections.js';

/**
 * Every migration, in order. One set serves PGlite and PostgreSQL (one SQL dialect). A migration is never
 * edited once released: add a new one. Each capability adds its file here with the next free number.
 */
export const migrations: { name: string; up: (db: import('kysely').Kysely<unknown>) => Promise<void> }[] = [
  migration0001Audit,
  migration0002Accounts,
  migration0003Mail,
  migration0004Declarations,
  migration0005Rights,
  migration0006Replies,
  migration0007Suppression,
  migration0008Consent,
  migration0009IdentityDocuments,
  migration0010RightsLinks,
  migration0011RightsIntakeFees,
  migration0012RightsChase,
  migration0013PreferenceObjections,
];
