import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../store/database.js';

export interface UsersTable {
  id: string;
  /** Stored lower-cased; unique. */
  email: string;
  name: string;
  role: string;
  /** argon2id (PHC string); null until the user completes their setup link. */
  password_hash: string | null;
  /** Encrypted with the field cipher, context "users.totp_secret". */
  totp_secret: string | null;
  /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
  totp_last_step: string | null;
  mfa_enabled: Generated<boolean>;
  /** SHA-256 hashes of the unused recovery codes. */
  recovery_codes: Json<string[]>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface SessionsTable {
  /** SHA-256 of the session token: the token itself lives only in the user's cookie. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  mfa_verified: boolean;
  /** Encrypted, context "sessions.ip". */
  ip: string | null;
  /** Encrypted, context "sessions.user_agent". */
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  /** The first characters of the key, shown in lists so people can tell keys apart. */
  prefix: string;
  key_hash: string;
  scopes: Json<string[]>;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SetupTokensTable {
  token_hash: string;
  purpose: 'owner' | 'user';
  user_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

declare module '../store/database.js' {
  interface Database {
    users: UsersTable;
    sessions: SessionsTable;
    api_keys: ApiKeysTable;
    setup_tokens: SetupTokensTable;
  }
}
