#!/usr/bin/env node
// Regenerates docs/configuration.md from SETTINGS. Run with: npm run config-doc
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configurationDoc } from './configuration-doc.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const out = join(root, 'docs/configuration.md');
writeFileSync(out, configurationDoc());
console.log(`Wrote ${out}`);
