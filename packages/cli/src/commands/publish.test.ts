import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The service's own test support: a real service on a copy of the migrated embedded database.
import { withHugeCookieTable } from '../../../server/src/test-support/banner-declarations.js';
import { startTestService, type TestService } from '../../../server/src/test-support/test-service.js';
import { runCli } from '../cli/run-cli.js';
import { testIo } from '../cli/test-io.js';

const example = (p: string) => fileURLToPath(new URL(`../../../../examples/${p}`, import.meta.url));

async function authenticate(req: FastifyRequest) {
  if (req.headers.authorization === 'Bearer pk_publish') return { kind: 'api_key' as const, keyId: 'k-ci', name: 'ci', scopes: ['declaration:publish' as const] };
  if (req.headers.authorization === 'Bearer pk_read') return { kind: 'api_key' as const, keyId: 'k-read', name: 'reader', scopes: ['declaration:read' as const] };
  return { kind: 'anonymous' as const };
}

describe('pledge publish against a running service', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService('pglite', { host: '127.0.0.1', port: 0 }, { authenticate, listen: true });
  });
  afterAll(async () => {
    await svc?.dispose();
  });
  const publish = async (args: string[], env: Record<string, string> = {}) => {
    const io = testIo();
    io.env = env;
    const code = await runCli(['publish', ...args, '--server', svc.address!], io);
    return { code, out: io.out, err: io.err };
  };

  it('checks locally and sends nothing when the declaration has errors', async () => {
    const r = await publish([example('jupiter-edtech/declaration.yaml')], { PLEDGE_API_KEY: 'pk_publish' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/examples\/jupiter-edtech\/declaration\.yaml:\d+:\d+/);
    expect(r.err).toContain('nothing was sent');
    expect((await svc.app!.inject({ url: '/privacy' })).statusCode).toBe(404);
  });

  it('explains a missing or insufficient API key', async () => {
    const none = await publish([example('jupiter-edtech/corrected')]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('PLEDGE_API_KEY');
    const weak = await publish([example('jupiter-edtech/corrected'), '--api-key', 'pk_read']);
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('403');
    expect(weak.err).toContain('declaration:publish');
  });

  it('publishes a folder, then says there is nothing to publish, then publishes a change', async () => {
    const first = await publish([example('jupiter-edtech/corrected'), '--note', 'from CI'], { PLEDGE_API_KEY: 'pk_publish' });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('as version 1');
    expect((await svc.app!.inject({ url: '/privacy' })).body).toContain('JUPITER EDTECH LIMITED');

    const again = await publish([example('jupiter-edtech/corrected')], { PLEDGE_API_KEY: 'pk_publish' });
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to publish');

    // A folder of several files is sent whole: the same declaration split in two is still "no changes"...
    const dir = mkdtempSync(join(tmpdir(), 'pledge-publish-'));
    const yaml = readFileSync(example('jupiter-edtech/corrected/declaration.yaml'), 'utf8');
    const m = /^recipients:\n(?:(?: .*)?\n)*/m.exec(yaml)!;
    mkdirSync(join(dir, 'parts'));
    writeFileSync(join(dir, 'pledge.yaml'), `${yaml.slice(0, m.index)}${yaml.slice(m.index + m[0].length)}include: [parts/recipients.yaml]\n`);
    writeFileSync(join(dir, 'parts', 'recipients.yaml'), m[0]);
    const split = await publish([dir], { PLEDGE_API_KEY: 'pk_publish' });
    expect(split.err).toBe('');
    expect(split.out).toContain('Nothing to publish');
    // ...and a change in the included file is published, with its summary.
    writeFileSync(join(dir, 'parts', 'recipients.yaml'), m[0].replace('locations: [DE]', 'locations: [DE, IE]'));
    const changed = await publish([dir], { PLEDGE_API_KEY: 'pk_publish' });
    expect(changed.err).toBe('');
    expect(changed.out).toContain('as version 2');
    expect(changed.out).toContain('Locations of recipient Amazon Web Services EMEA SARL changed from DE to DE, IE');
    expect(changed.out).toContain('material change');
    const stored = await svc.app!.inject({ url: '/api/declarations/2', headers: { authorization: 'Bearer pk_read' } });
    expect(Object.keys(stored.json().sourceFiles).sort()).toEqual(['parts/recipients.yaml', 'pledge.yaml']);
  });

  it('shows the service\'s warning when the served cookie banner grows over its size budget (pledge check cannot know it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pledge-publish-'));
    writeFileSync(join(dir, 'pledge.yaml'), withHugeCookieTable(150));
    const r = await publish([join(dir, 'pledge.yaml')], { PLEDGE_API_KEY: 'pk_publish' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nwarning: The cookie banner served for version \d+ is \d+\.\d KB gzipped, over the 6\.0 KB budget: .* \[banner-size\]\n/);
  });

  it('reports an unreachable service', async () => {
    const io = testIo();
    const code = await runCli(['publish', example('jupiter-edtech/corrected'), '--server', 'http://127.0.0.1:9'], io);
    expect(code).toBe(2);
    expect(io.err).toContain('cannot reach the Pledge service at http://127.0.0.1:9');
  });
});
