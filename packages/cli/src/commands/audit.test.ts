import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, openStore } from '@pledge/server';
import { clonePgliteDir } from '../../../server/src/test-support/test-stores.js';
import { runCli } from '../cli/run-cli.js';
import { testIo } from '../cli/test-io.js';

describe('pledge audit', () => {
  it('verify says the trail is intact, then names the entry edited behind its back; export writes every entry', async () => {
    const dataDir = clonePgliteDir();
    const store = await openStore({ dataDir: join(dataDir, 'db') });
    const clock = { now: () => new Date('2026-11-23T10:00:00Z') };
    for (let i = 1; i <= 5; i++) await appendAudit(store.db, clock, { actor: { type: 'system' }, action: `test.step.${i}` });
    await store.close();

    const ok = testIo();
    expect(await runCli(['audit', 'verify', '--data-dir', dataDir], ok)).toBe(0);
    expect(ok.out).toContain('Audit trail intact: 5 entries.');

    const exported = testIo();
    expect(await runCli(['audit', 'export', '--data-dir', dataDir, '--format', 'jsonl'], exported)).toBe(0);
    const lines = exported.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.action)).toEqual(['test.step.1', 'test.step.2', 'test.step.3', 'test.step.4', 'test.step.5']);

    const tamper = await openStore({ dataDir: join(dataDir, 'db') });
    await sql`update audit_log set action = 'test.step.forged' where seq = 3`.execute(tamper.db);
    await tamper.close();
    const bad = testIo();
    expect(await runCli(['audit', 'verify', '--data-dir', dataDir], bad)).toBe(1);
    expect(bad.out).toContain('TAMPERED');
    expect(bad.out).toMatch(/entry 3: edited/);
  });
});
