import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { openStore } from '../store/open-store.js';
import { assertBuilt, cleanEnv, killAll, startPledge } from '../test-support/spawn-pledge.js';

// SIGTERM while a request is in flight: the request completes, the process exits 0, the data folder reopens.

describe('graceful shutdown of pledge serve', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pledge-shutdown-'));
  afterAll(async () => {
    await killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, exits 0, and leaves a data folder that reopens cleanly', { timeout: 120_000 }, async () => {
    assertBuilt();
    const serve = await startPledge(['--data-dir', dataDir], cleanEnv({}));
    const url = new URL('/api/declarations', serve.address);

    // A slow client: headers and half the body now, the rest after the service has been told to stop.
    let finishBody!: () => void;
    const body = JSON.stringify({ files: [{ path: 'pledge.yaml', content: 'pledge: 1\n' + '# padding\n'.repeat(2000) }] });
    const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 1000));
      // Keep the body unfinished until the test says so.
      finishBody = () => req.end(body.slice(1000));
    });
    await new Promise((r) => setTimeout(r, 300));
    serve.process.kill('SIGTERM');
    await serve.waitFor(/Stopping: finishing requests/, 10_000);
    await new Promise((r) => setTimeout(r, 700));
    expect(serve.process.exitCode, 'the process must wait for the request in flight').toBeNull();
    // New connections are no longer accepted while it drains.
    await expect(fetch(`${serve.address}/health/live`)).rejects.toThrow();
    finishBody();

    const res = await reply;
    // Anonymous, so refused, but refused with a whole answer in the error format: the request completed.
    expect(res.status).toBeLessThan(500);
    expect(JSON.parse(res.body).error.code).toBeTypeOf('string');
    const exit = await serve.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(serve.output()).toContain('"msg":"stopped"');

    const store = await openStore({ dataDir: join(dataDir, 'db') });
    try {
      await store.ping();
      expect((await verifyAudit(store.db)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
