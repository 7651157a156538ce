import { createWriteStream } from 'node:fs';
import { sql } from 'kysely';
import { UsageError, type Command } from '../cli/command.js';
import { progress } from '../cli/progress.js';

export const audit: Command = {
  name: 'audit',
  usage: 'verify | export [options]',
  summary: 'Verify the hash-chained audit trail (finds any edited, removed or reordered entry), or export it.',
  details: `
verify  walks the whole chain, recomputes every hash and names each entry that was edited, removed or reordered.
        Exit status 0 intact, 1 tampered. Prints the head hash: keep it elsewhere to detect removal of the newest entries.
export  writes the trail as CSV or JSON Lines (--format), to --out or standard output.

Reads the database directly: --data-dir for the embedded database, or DATABASE_URL.`,
  positionals: [1, 1],
  options: {
    'data-dir': { type: 'string', value: 'DIR', description: 'Folder of the embedded database (default ./data).' },
    'database-url': { type: 'string', value: 'URL', description: 'PostgreSQL connection URL (or set DATABASE_URL).' },
    format: { type: 'string', short: 'f', value: 'FORMAT', choices: ['csv', 'jsonl'], default: 'csv', description: 'export: output format.' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'export: write to FILE.' },
    json: { type: 'boolean', description: 'verify: print the result as JSON.' },
  },
  async run([action], values, io) {
    if (action !== 'verify' && action !== 'export') throw new UsageError(`unknown action "${action}": use "verify" or "export".`);
    const server = await import('@pledge/server');
    const config = server.loadConfig({ env: io.env, flags: { dataDir: values['data-dir'], databaseUrl: values['database-url'] } });
    const store = await server.openStore({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/db` });
    try {
      await server.migrateToLatest(store.db);
      if (action === 'verify') {
        const total = Number((await sql<{ n: string }>`select count(*)::text as n from audit_log`.execute(store.db)).rows[0]?.n ?? 0);
        const bar = progress('Verifying audit trail', io.isTTY, io.stderr);
        const result = await server.verifyAudit(store.db, (n) => bar.update(n, total));
        bar.done();
        if (values.json) io.stdout(JSON.stringify(result, null, 2) + '\n');
        else {
          io.stdout(result.ok ? `Audit trail intact: ${result.entries} entries.\n` : `Audit trail TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries.\n`);
          for (const p of result.problems) io.stdout(`  entry ${p.seq}: ${p.kind}: ${p.message}\n`);
          io.stdout(`Head: entry ${result.headSeq}, hash ${result.headHash}\n`);
        }
        return result.ok ? 0 : 1;
      }
      const out = typeof values.out === 'string' ? createWriteStream(values.out) : undefined;
      for await (const chunk of server.exportAudit(store.db, values.format as 'csv' | 'jsonl')) {
        if (out) out.write(chunk);
        else io.stdout(chunk);
      }
      if (out) await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      if (out) io.stderr(`Wrote ${values.out}.\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
