export { suppressEmail, type SuppressInput, type SuppressResult } from './suppress-email.js';
export { isSuppressed, checkSuppressed, type SuppressionCheck } from './is-suppressed.js';
export { liftSuppression } from './lift-suppression.js';
export { listSuppressions, type SuppressionEntry } from './list-suppressions.js';
export { hashEmail, emailHashOf } from './email-hash.js';
export { SUPPRESSION_REASONS, type SuppressionReason } from './suppression-table.js';
export { suppressionRoutes } from './suppression-routes.js';
