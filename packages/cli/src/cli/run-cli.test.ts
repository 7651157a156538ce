import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands.js';
import { runCli } from './run-cli.js';
import { testIo } from './test-io.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/pledge.js');
const tmp = mkdtempSync(join(tmpdir(), 'pledge-cli-'));

const CLEAN = `pledge: 1
organisation:
  legal_name: Acme Widgets Ltd
  address: 1 High Street, Leeds LS1 1AA
  contact: { email: privacy@acme.example }
  ico_registration: ZA123456
security:
  measures: [{ name: Encryption in transit (TLS) }]
rights:
  channels: [{ type: email, value: privacy@acme.example }]
  offered: [access, rectification, erasure, restriction, portability, objection]
  response_period: 1 month
  fee: unfounded_or_excessive_only
complaints:
  channels: [{ type: email, value: privacy@acme.example }]
  acknowledge_within: 30 days
  ico: {}
`;

describe('pledge command line', () => {
  it('documents every command and each of its flags in --help', async () => {
    const io = testIo();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(io.out).toContain(`  ${name}`);
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const cio = testIo();
      expect(await runCli([name, '--help'], cio)).toBe(0);
      const cmd = await entry.load();
      expect(cio.out).toContain(`Usage: pledge ${name}`);
      for (const flag of Object.keys(cmd.options)) expect(cio.out, `${name} --help documents --${flag}`).toContain(`--${flag}`);
    }
  });

  it('suggests the nearest command for a typo and exits 2', async () => {
    const io = testIo();
    expect(await runCli(['chek', 'x.yaml'], io)).toBe(2);
    expect(io.err).toContain('Did you mean "pledge check"?');
  });

  it('rejects an unknown flag and a bad choice with the usage line', async () => {
    const io = testIo();
    expect(await runCli(['check', 'x.yaml', '--fromat', 'json'], io)).toBe(2);
    expect(io.err).toMatch(/Unknown option '--fromat'/);
    expect(io.err).toContain('Usage: pledge check');
    const io2 = testIo();
    expect(await runCli(['check', 'x.yaml', '--format', 'xml'], io2)).toBe(2);
    expect(io2.err).toContain('--format must be one of: text, json, sarif');
  });

  it('check exits 0 on a clean file, 1 on errors, 2 on unusable input', async () => {
    const clean = join(tmp, 'clean.yaml');
    writeFileSync(clean, CLEAN);
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, CLEAN.replace('ZA123456', 'TBC'));
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, 'pledge: 1\norganisation: [\n');
    const io0 = testIo();
    const status0 = await runCli(['check', clean], io0);
    expect(io0.out.match(/error/g) ?? [], io0.out).toEqual([]);
    expect(status0).toBe(0);
    const io1 = testIo();
    expect(await runCli(['check', bad], io1)).toBe(1);
    expect(io1.out).toMatch(/bad\.yaml:6:21 {2}error {2}"TBC" is a placeholder/);
    expect(io1.out).toContain('  ico_registration: TBC');
    expect(io1.out).toMatch(/\^\^\^/);
    const io2 = testIo();
    expect(await runCli(['check', broken], io2)).toBe(2);
    expect(io2.out).toMatch(/broken\.yaml:\d+:\d+ {2}error/);
    const io3 = testIo();
    expect(await runCli(['check', join(tmp, 'missing.yaml')], io3)).toBe(2);
    expect(io3.out).toMatch(/Cannot read .*missing\.yaml: no such file/);
  });

  it('check writes JSON and SARIF 2.1.0 that tools can read', async () => {
    const bad = join(tmp, 'bad2.yaml');
    writeFileSync(bad, CLEAN.replace('ZA123456', 'TBC'));
    const io = testIo();
    await runCli(['check', bad, '--format', 'json'], io);
    const json = JSON.parse(io.out);
    expect(json.summary.errors).toBeGreaterThan(0);
    expect(json.findings[0]).toMatchObject({ ruleId: expect.any(String), severity: expect.any(String), location: { line: expect.any(Number) } });
    const out = join(tmp, 'report.sarif');
    const sio = testIo();
    await runCli(['check', bad, '--format', 'sarif', '--output', out], sio);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('pledge');
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'placeholder-value');
    expect(result.level).toBe('error');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('placeholder-value');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(6);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/bad2\.yaml$/);
  });

  it('explain documents a rule with its citation, and lists them all', async () => {
    const io = testIo();
    expect(await runCli(['explain', 'placeholder-value'], io)).toBe(0);
    expect(io.out).toContain('Enforces: UK GDPR Art 12(1)');
    const list = testIo();
    await runCli(['explain', '--list'], list);
    expect(list.out).toMatch(/\d+ rules\./);
    const typo = testIo();
    expect(await runCli(['explain', 'placeholder-valu'], typo)).toBe(2);
    expect(typo.err).toContain('Did you mean "placeholder-value"?');
  });

  it('schema writes the checked-in JSON Schema', async () => {
    const io = testIo();
    await runCli(['schema'], io);
    const checkedIn = readFileSync(join(root, 'schema/pledge-declaration.schema.json'), 'utf8');
    // If this fails, the schema changed: run "npm run schema" and commit the file.
    expect(io.out).toBe(checkedIn);
  });

  it('the installed binary runs from a cold start and reports its version', () => {
    const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^pledge \d+\.\d+\.\d+/);
    const bad = spawnSync(process.execPath, [bin, 'check', join(tmp, 'nothing-here.yaml')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout + bad.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
});
