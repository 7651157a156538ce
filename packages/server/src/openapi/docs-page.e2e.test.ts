import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../test-support/test-service.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!CHROMIUM) {
  if (process.env.CI === 'true') throw new Error('Chromium is required under CI (apt-get install -y chromium) for the /docs page test.');
  console.warn('\n!!! Chromium not found: the /docs browser test is SKIPPED on this machine. !!!\n');
}

/** Runs headless Chromium on `url` and returns what it printed; always ends the browser. */
function chromium(args: string[], url: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM!, ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--virtual-time-budget=10000', ...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}

describe.runIf(CHROMIUM)('the browsable API reference at /docs', () => {
  let svc: TestService;
  let profile: string;
  beforeAll(async () => {
    svc = await startTestService('pglite', {}, { listen: true });
    profile = mkdtempSync(join(tmpdir(), 'pledge-chromium-'));
  });
  afterAll(async () => {
    await svc?.dispose();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders every operation in a real browser under the service CSP', { timeout: 120_000 }, async () => {
    const { stdout, stderr } = await chromium([`--user-data-dir=${profile}`, '--dump-dom'], `${svc.address}/docs/`);
    // Swagger UI builds the page with script: operations in the DOM mean its scripts ran and the document loaded.
    expect(stdout).toContain('Pledge API');
    for (const path of ['/health/ready', '/api/audit']) expect(stdout).toContain(`data-path="${path}"`);
    expect(stderr).not.toMatch(/Refused to (load|execute|apply)/);
  });

  it('takes a screenshot of it', { timeout: 120_000 }, async () => {
    const png = join(profile, 'docs.png');
    await chromium([`--user-data-dir=${profile}`, '--window-size=1280,900', `--screenshot=${png}`], `${svc.address}/docs/`);
    expect(statSync(png).size).toBeGreaterThan(20_000); // a blank page is a few KB; the rendered reference is far larger
  });
});
