import type { FieldCipher } from './field-cipher.js';

// The field cipher is a service dependency like the store and clock; the accounts module creates it at init.
declare module '../service-deps.js' {
  interface ServiceDeps {
    cipher: FieldCipher;
  }
}

export type { FieldCipher };
