import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCoverage, lintDeclaration, parseDeclaration, renderNotice } from '@pledge/core';

// Mutates the example declarations at random and asserts that whatever comes in, Pledge answers with
// findings that say where the problem is, never a crash.

const root = fileURLToPath(new URL('..', import.meta.url));
const sources: string[] = [];
for (const name of readdirSync(join(root, 'examples'))) {
  for (const rel of ['declaration.yaml', 'corrected/declaration.yaml']) {
    const p = join(root, 'examples', name, rel);
    if (existsSync(p)) sources.push(readFileSync(p, 'utf8'));
  }
}

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i) => (l: string[]) => l.filter((_, j) => j !== i % l.length)),
  fc.nat().map((i) => (l: string[]) => [...l.slice(0, i % l.length), l[i % l.length]!, ...l.slice(i % l.length)]),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })).map(([i, n]) => (l: string[]) => l.map((s, j) => (j === i % l.length ? ' '.repeat(n) + s : s))),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })).map(([i, k, t]) => (l: string[]) =>
    l.map((s, j) => (j === i % l.length ? s.slice(0, k % (s.length + 1)) + t + s.slice(k % (s.length + 1)) : s)),
  ),
  fc.nat().map((i) => (l: string[]) => l.slice(0, 1 + (i % l.length))),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (l: string[]) => {
    const c = [...l];
    const x = a % c.length;
    const y = b % c.length;
    [c[x], c[y]] = [c[y]!, c[x]!];
    return c;
  }),
  fc.tuple(fc.nat(), fc.constantFrom('[]', '{}', '42', 'true', 'null', '"<script>alert(1)</script>"', '*nope', '&a x', '|', '- - -')).map(([i, v]) => (l: string[]) =>
    l.map((s, j) => (j === i % l.length && s.includes(':') ? s.slice(0, s.indexOf(':') + 1) + ' ' + v : s)),
  ),
);

describe('mutated examples', () => {
  it('has example declarations to mutate', () => {
    expect(sources.length).toBeGreaterThanOrEqual(4);
  });

  it('never crash the loader, the checks or the renderer, and every load error is located', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, mutations) => {
        let lines = sources[pick % sources.length]!.split('\n');
        for (const m of mutations) lines = lines.length ? m(lines) : lines;
        const text = lines.join('\n');
        const result = parseDeclaration(text, 'mutated.yaml');
        if (!result.declaration) {
          expect(result.findings.length).toBeGreaterThan(0);
          for (const f of result.findings) {
            expect(f.severity).toBe('error');
            expect(f.message.length).toBeGreaterThan(10);
            expect(f.location?.line, `${f.ruleId}: ${f.message}`).toBeGreaterThanOrEqual(1);
          }
          return;
        }
        const findings = lintDeclaration(result.declaration, { sourceMap: result.sourceMap });
        for (const f of findings) expect(f.location?.line, `${f.ruleId} at ${f.path.join('.')}`).toBeGreaterThanOrEqual(1);
        expect(renderNotice(result.declaration, { format: 'html' })).toContain('</html>');
        renderNotice(result.declaration, { format: 'markdown' });
        checkCoverage(result.declaration);
      }),
      { numRuns: 300 },
    );
  });
});
