import { sql, type Kysely } from 'kysely';

/**
 * Staff accounts, sessions, API keys and one-time setup links (see accounts/). Secrets are never stored in a form
 * that grants access: passwords as argon2id hashes, session ids, API keys, setup tokens and recovery codes as
 * SHA-256 hashes of high-entropy random values, TOTP secrets and session IPs/user agents encrypted (crypto/).
 */
export const migration0002Accounts = {
  name: '0002-accounts',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table users (
        id text primary key,
        email text not null,
        name text not null,
        role text not null check (role in ('owner', 'privacy_officer', 'agent', 'auditor')),
        password_hash text,
        totp_secret text,
        totp_last_step bigint,
        mfa_enabled boolean not null default false,
        recovery_codes jsonb not null default '[]'::jsonb,
        failed_logins integer not null default 0,
        locked_until timestamptz,
        disabled_at timestamptz,
        created_at timestamptz not null,
        last_login_at timestamptz
      )`.execute(db);
    await sql`create unique index users_email on users (lower(email))`.execute(db);
    await sql`
      create table sessions (
        id text primary key,
        user_id text not null references users (id) on delete cascade,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        last_seen_at timestamptz not null,
        mfa_verified boolean not null default false,
        ip text,
        user_agent text
      )`.execute(db);
    await sql`create index sessions_user on sessions (user_id)`.execute(db);
    await sql`
      create table api_keys (
        id text primary key,
        name text not null,
        prefix text not null,
        key_hash text not null unique,
        scopes jsonb not null,
        created_by text,
        created_at timestamptz not null,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`.execute(db);
    await sql`
      create table setup_tokens (
        token_hash text primary key,
        purpose text not null check (purpose in ('owner', 'user')),
        user_id text references users (id) on delete cascade,
        created_by text,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz
      )`.execute(db);
  },
};
