import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's baseline: 19 MiB of memory, 2 passes, 1 lane
 * (the library's defaults, spelled out so a library upgrade cannot weaken them silently).
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password for storage (a PHC string beginning "$argon2id$"). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against a stored hash; false for a wrong password or an unusable hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same time as a real check when there is no account to check against, so response times do not tell
 * an attacker which emails have accounts (OWASP Authentication Cheat Sheet, "Authentication and error messages").
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('pledge-dummy-password-never-matches');
  await verifyPassword(await dummy, password);
  return false;
}
