/**
 * TOTP as authenticator apps expect it (RFC 6238 defaults: SHA-1, 6 digits, 30 s), accepting one step of clock
 * drift either way. The secret is 160 bits, as RFC 4226 recommends.
 */
export const TOTP_SETTINGS = { issuer: 'Pledge', algorithm: 'SHA1', digits: 6, period: 30, window: 1, secretBytes: 20 } as const;
