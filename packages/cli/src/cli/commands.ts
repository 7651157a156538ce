import type { Command } from './command.js';

/** Every command, loaded only when used so a cold `pledge check` does not load the spreadsheet writer. */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: { summary: 'Check a declaration against UK GDPR, PECR and the DPA 2018', load: async () => (await import('../commands/check.js')).check },
  explain: { summary: 'Explain a check rule: what it requires, why, and the article it enforces', load: async () => (await import('../commands/explain.js')).explain },
  render: { summary: 'Render the privacy notice (HTML, Markdown, text; full or short; per audience)', load: async () => (await import('../commands/render.js')).render },
  coverage: { summary: 'Show whether the notice covers every item UK GDPR Arts 13 and 14 require', load: async () => (await import('../commands/coverage.js')).coverage },
  ropa: { summary: 'Export the record of processing activities (Art 30) as CSV or a spreadsheet', load: async () => (await import('../commands/ropa.js')).ropa },
  init: { summary: 'Write a new declaration that passes the checks, from flags or questions', load: async () => (await import('../commands/init.js')).init },
  schema: { summary: 'Print the JSON Schema of the declaration format, for editors', load: async () => (await import('../commands/schema.js')).schema },
  serve: { summary: 'Run the Pledge service (web, worker, scheduler) on the embedded database or PostgreSQL', load: async () => (await import('../commands/serve.js')).serve },
  publish: { summary: 'Publish a declaration to the Pledge service as its next version', load: async () => (await import('../commands/publish.js')).publish },
  migrate: { summary: 'Bring the database schema up to date', load: async () => (await import('../commands/migrate.js')).migrate },
  user: { summary: 'Create a staff user (the first owner, or anyone), with a password or a one-time setup link', load: async () => (await import('../commands/user.js')).user },
  audit: { summary: 'Verify the hash-chained audit trail, or export it', load: async () => (await import('../commands/audit.js')).audit },
  due: { summary: 'When a rights request is due (ICO method: one month, month end, next working day), and why', load: async () => (await import('../commands/due.js')).due },
  preview: { summary: 'Serve the rendered notice on a local web address while you edit', load: async () => (await import('../commands/preview.js')).preview },
};
