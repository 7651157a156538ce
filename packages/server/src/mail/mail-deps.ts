import type { MailTransport } from './mail-transport.js';

// The mail transport is a service dependency; the mail module creates it at init from the configuration.
declare module '../service-deps.js' {
  interface ServiceDeps {
    mailer: MailTransport;
  }
}

export type { MailTransport };
