// Bundles src/banner.ts into dist/banner.js: one minified IIFE, its CSS inlined as a string, no runtime dependencies.
// Type checking is done before this by `tsc -p tsconfig.json` (see package.json "build").
import { build } from 'rolldown';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
await build({
  input: here('./src/banner.ts'),
  logLevel: 'warn',
  output: { format: 'iife', minify: true, file: here('./dist/banner.js'), sourcemap: false },
});
const js = readFileSync(here('./dist/banner.js'));
console.log(`@pledge/banner: dist/banner.js ${js.length} bytes, ${gzipSync(js, { level: 9 }).length} bytes gzip`);
