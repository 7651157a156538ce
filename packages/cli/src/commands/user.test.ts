import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { testIo } from '../cli/test-io.js';

describe('pledge user create', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pledge-user-cli-'));

  it('creates a user with a setup link, or with a password from standard input, and explains refusals', async () => {
    const io = testIo();
    const status = await runCli(['user', 'create', '--email', 'Dee@Example.test', '--name', 'Dee Poe', '--role', 'owner', '--data-dir', dataDir, '--public-url', 'https://pledge.example.test'], io);
    expect(io.err).toBe('');
    expect(status).toBe(0);
    expect(io.out).toMatch(/Created owner dee@example\.test/);
    expect(io.out).toMatch(/https:\/\/pledge\.example\.test\/setup\?token=[A-Za-z0-9_-]{43}/);

    const withPassword = Object.assign(testIo(), { readStdin: async () => 'a long enough passphrase\n' });
    expect(await runCli(['user', 'create', '--email', 'ann@example.test', '--name', 'Ann', '--role', 'agent', '--password-stdin', '--data-dir', dataDir], withPassword)).toBe(0);
    expect(withPassword.out).toContain('They can sign in');
    expect(withPassword.out).not.toContain('setup?token');

    const weak = Object.assign(testIo(), { readStdin: async () => 'password1234' });
    expect(await runCli(['user', 'create', '--email', 'bob@example.test', '--name', 'Bob', '--role', 'agent', '--password-stdin', '--data-dir', dataDir], weak)).toBe(2);
    expect(weak.err).toContain('well-known');

    const dup = testIo();
    expect(await runCli(['user', 'create', '--email', 'ANN@example.test', '--name', 'Ann', '--role', 'agent', '--data-dir', dataDir], dup)).toBe(2);
    expect(dup.err).toContain('already exists');

    const badRole = testIo();
    expect(await runCli(['user', 'create', '--email', 'c@example.test', '--name', 'C', '--role', 'admin', '--data-dir', dataDir], badRole)).toBe(2);
    expect(badRole.err).toContain('--role must be one of');
  });
});
