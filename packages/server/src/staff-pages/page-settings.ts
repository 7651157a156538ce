/** Against password and code guessing, per client IP, as on the JSON routes (accounts/auth-routes.ts). */
export const GUARDED = { max: 10, timeWindow: '1 minute' } as const;

/** Pages are not API operations: left out of the OpenAPI document. */
export const PAGE_SCHEMA = { hide: true } as const;

/** Said when a form comes back without a valid CSRF token. */
export const FORM_EXPIRED = 'This form had expired or was not sent from this site, so nothing was done. It has been reloaded: fill it in and send it again.';
