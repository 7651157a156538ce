import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { lintDeclaration, parseDeclaration } from '@pledge/core';
import { runCli } from '../cli/run-cli.js';
import { testIo } from '../cli/test-io.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pledge-cmd-'));
const corrected = join(root, 'examples/jupiter-edtech/corrected');

describe('README', () => {
  it('shows a declaration that passes the checks', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const r = parseDeclaration(block!, 'README.md');
    expect(r.findings).toEqual([]);
    const errors = lintDeclaration(r.declaration!).filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});

describe('pledge init', () => {
  it('writes a declaration and schema that pass pledge check, from flags', async () => {
    const out = join(tmp, 'new', 'pledge.yaml');
    await import('node:fs').then((fs) => fs.mkdirSync(join(tmp, 'new')));
    const io = testIo();
    const status = await runCli(
      ['init', '--legal-name', 'Acme "Widgets": Ltd #1', '--address', '1 High St, Leeds', '--email', 'privacy@acme.example', '--ico', 'ZA123456', '--uses', 'website,customers,marketing,recruitment', '--out', out],
      io,
    );
    expect(io.out).toContain('0 errors');
    expect(status).toBe(0);
    expect(existsSync(join(tmp, 'new', 'pledge-declaration.schema.json'))).toBe(true);
    const check = testIo();
    expect(await runCli(['check', out], check)).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Acme \\"Widgets\\": Ltd #1');
    const again = testIo();
    expect(await runCli(['init', '--legal-name', 'X Ltd', '--address', 'a', '--email', 'e@x.example', '--ico', 'ZA123456', '--out', out], again)).toBe(2);
    expect(again.err).toContain('already exists');
  });

  it('asks for missing answers in a terminal and refuses without one', async () => {
    const out = join(tmp, 'asked.yaml');
    const io = testIo(['Asked Ltd', '', '2 Low St, York', 'dpo@asked.example', 'ZB765432', '']);
    expect(await runCli(['init', '--out', out], io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Asked Ltd');
    const noTty = testIo();
    expect(await runCli(['init', '--out', join(tmp, 'never.yaml')], noTty)).toBe(2);
    expect(noTty.err).toContain('--legal-name is required');
  });
});

describe('pledge render and coverage', () => {
  it('renders HTML, Markdown, text, the short notice and an audience notice to files', async () => {
    for (const [args, needle] of [
      [['--format', 'html'], '</html>'],
      [['--format', 'markdown'], '# '],
      [['--format', 'text'], 'JUPITER EDTECH LIMITED'],
      [['--short', '--full-url', 'https://m42k.com/legal/privacy'], 'https://m42k.com/legal/privacy'],
    ] as const) {
      const out = join(tmp, `notice-${args.join('').replace(/[^a-z0-9-]/gi, '_')}.out`);
      const io = testIo();
      expect(await runCli(['render', corrected, ...args, '--out', out], io)).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain(needle);
    }
    const unknown = testIo();
    expect(await runCli(['render', corrected, '--audience', 'martians'], unknown)).toBe(2);
    expect(unknown.err).toMatch(/martians/);
  });

  it('coverage passes for a corrected example and fails for a faithful one', async () => {
    expect(await runCli(['coverage', corrected, '--each-audience'], testIo())).toBe(0);
    const io = testIo();
    expect(await runCli(['coverage', join(root, 'examples/juxt'), '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report.items.some((i: { status: string }) => i.status === 'missing')).toBe(true);
  });
});

describe('pledge ropa', () => {
  it('exports the controller record as CSV and both records as a spreadsheet', async () => {
    const io = testIo();
    expect(await runCli(['ropa', corrected], io)).toBe(0);
    expect(io.out.split('\r\n')[0]).toMatch(/^Business function,Purpose of processing,/);
    const out = join(tmp, 'ropa.xlsx');
    expect(await runCli(['ropa', corrected, '--format', 'xlsx', '--out', out], testIo())).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Controller', 'Processor', 'About']);
  });
});

describe('pledge preview', () => {
  it('serves the notice, the check report and coverage on a local port', async () => {
    const child = spawn(process.execPath, [join(root, 'packages/cli/bin/pledge.js'), 'preview', corrected, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (b: Buffer) => {
          seen += b.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+)\/privacy/.exec(seen);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`preview exited ${code}`)));
      });
      const page = await fetch(`${base}/privacy`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await page.text()).toContain('JUPITER EDTECH LIMITED');
      expect(await (await fetch(`${base}/check`)).text()).toContain('No problems found.');
      expect((await fetch(`${base}/privacy.md`)).headers.get('content-type')).toContain('text/markdown');
      expect((await fetch(`${base}/nowhere`)).status).toBe(404);
      expect((await fetch(`${base}/privacy`, { method: 'POST' })).status).toBe(405);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
