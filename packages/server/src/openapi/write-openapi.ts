#!/usr/bin/env node
// Regenerates openapi/openapi.json from the running app's route schemas. Run with: npm run openapi
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../config/load-config.js';
import { startService } from '../serve/start-service.js';
import { openApiText } from './openapi-document.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'openapi/openapi.json');
const dataDir = mkdtempSync(join(tmpdir(), 'pledge-openapi-'));
try {
  const config = loadConfig({ flags: { dataDir, roles: 'web', logLevel: 'silent' } });
  const service = await startService(config, { logger: pino({ level: 'silent' }), listen: false });
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, openApiText(service.app!));
    console.log(`Wrote ${out}`);
  } finally {
    await service.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
