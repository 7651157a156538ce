import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../auth/permissions.js';
import { PASSWORD_MAX_LENGTH } from './check-password-policy.js';

/** Request and response shapes of the accounts API (validated by zod, documented in OpenAPI). */
export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  mfaEnabled: z.boolean(),
  pendingSetup: z.boolean().describe('True until the user has chosen a password through their setup link.'),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to tell keys apart.'),
  scopes: z.array(z.enum(PERMISSIONS)),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

// Bounds only; the real rules (length, common passwords) are checked by checkPasswordPolicy with a clear message.
export const Password = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);
export const Email = z.string().min(3).max(254);
export const Code = z.string().min(6).max(32).describe('A 6-digit code from the authenticator app, or a recovery code.');
export const IdParams = z.object({ id: z.string().uuid('the id is a UUID, as listed by the API') });
export const Ok = z.object({ ok: z.literal(true) });
