export * from './common.js';
export * from './organisation.js';
export * from './processing.js';
export * from './recipients.js';
export * from './retention.js';
export * from './cookies.js';
export * from './rights.js';
export * from './declaration.js';
