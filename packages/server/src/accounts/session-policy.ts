/**
 * Session lifetimes (OWASP Session Management Cheat Sheet: idle and absolute timeouts; renew the id when the
 * privilege level changes). Staff work in a day's stretch, so 12 hours idle; at most a week before signing in again.
 */
export const SESSION_POLICY = {
  cookieName: 'pledge_session',
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  /** last_seen_at / last_used_at are written at most this often, so busy clients do not cause a write per request. */
  touchEveryMs: 60 * 1000,
} as const;
