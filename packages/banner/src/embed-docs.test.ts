import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const README = readFileSync(resolve(HERE, '../README.md'), 'utf8');
const ROOT_README = readFileSync(resolve(HERE, '../../../README.md'), 'utf8');

describe('the documented embed', () => {
  const guard = /<script>(\(function\(s\)\{setTimeout[^<]*)<\/script>/.exec(README);

  it('prints the CSP hash of the guard line as browsers compute it (sha256 of the inline script text)', () => {
    expect(guard, 'packages/banner/README.md must show the guard line').not.toBeNull();
    const hash = createHash('sha256').update(guard![1]!, 'utf8').digest('base64');
    expect(README).toContain(`'sha256-${hash}'`);
  });

  it('is the same two lines in the project README, the banner README and the served hint', async () => {
    const line = `<script src="https://pledge.example/consent/banner.js" async blocking="render"></script>`;
    expect(README).toContain(`${line}\n${guard![0]}`);
    expect(ROOT_README).toContain(`${line}\n  ${guard![0]}`);
    const { EMBED_LINE } = await import('../../server/src/consent-banner/consent-banner-routes.js');
    expect(EMBED_LINE).toBe(line + guard![0]);
  });
});
