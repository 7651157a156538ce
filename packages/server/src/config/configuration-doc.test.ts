import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configurationDoc } from './configuration-doc.js';
import { loadConfig } from './load-config.js';
import { ServiceConfig, SETTINGS } from './service-config.js';

describe('docs/configuration.md', () => {
  it('matches SETTINGS (run `npm run config-doc` when this fails)', () => {
    const checkedIn = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
    if (checkedIn !== configurationDoc()) expect.fail('docs/configuration.md differs from SETTINGS: run `npm run config-doc` and commit the result.');
  });

  it('lists every setting of the configuration schema exactly once', () => {
    expect(SETTINGS.map((s) => s.key).sort()).toEqual(Object.keys(ServiceConfig.shape).sort());
    expect(new Set(SETTINGS.map((s) => s.env)).size).toBe(SETTINGS.length);
    expect(new Set(SETTINGS.map((s) => s.flag)).size).toBe(SETTINGS.length);
  });

  it('has an example file that loads', async () => {
    const doc = configurationDoc();
    const json = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pledge-config-'));
    try {
      writeFileSync(join(dir, 'pledge.json'), json);
      const config = loadConfig({ file: join(dir, 'pledge.json') });
      expect(config.publicUrl).toBe('https://privacy.example.com');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('states the precedence the loader applies: flag > environment > file > default', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pledge-config-'));
    try {
      const file = join(dir, 'pledge.json');
      writeFileSync(file, JSON.stringify({ port: 1001, host: '10.0.0.1', logLevel: 'debug' }));
      const config = loadConfig({ file, env: { PLEDGE_PORT: '1002', PLEDGE_HOST: '10.0.0.2' }, flags: { port: '1003' } });
      expect(config.port).toBe(1003);
      expect(config.host).toBe('10.0.0.2');
      expect(config.logLevel).toBe('debug');
      expect(config.mailFrom).toBe(SETTINGS.find((s) => s.key === 'mailFrom')!.default);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
