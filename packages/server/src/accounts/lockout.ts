/** OWASP Authentication Cheat Sheet, "Account lockout": a few attempts, then a lock that ends by itself. */
export const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60 * 1000 } as const;
