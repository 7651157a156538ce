#!/usr/bin/env node
// Build step: saves an initialised empty PGlite cluster so new embedded databases start in under a second.
import { ensurePgliteSnapshot } from '@pledge/server';

const start = Date.now();
if (await ensurePgliteSnapshot()) console.log(`Saved the PGlite snapshot in ${Date.now() - start} ms.`);
