/**
 * Shared by the example tests: load an example declaration, find lint findings by rule and position, and keep the
 * checked-in notice.html in step with the renderer (UPDATE_EXAMPLES=1 rewrites it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { checkCoverage, lintDeclaration, renderNotice, type Declaration, type Finding } from '@pledge/core';
import { loadDeclarationFile } from '@pledge/cli';

/** Loads a declaration file or folder and fails the test, listing the findings, if it does not load cleanly. */
export function loadExample(url: URL): { declaration: Declaration; findings: Finding[]; lint: Finding[] } {
  const path = fileURLToPath(url);
  const result = loadDeclarationFile(path);
  expect(result.findings.map((f) => `${f.ruleId}: ${f.message}`), `load findings for ${path}`).toEqual([]);
  expect(result.declaration, `declaration of ${path}`).toBeDefined();
  const declaration = result.declaration!;
  return { declaration, findings: result.findings, lint: lintDeclaration(declaration, { sourceMap: result.sourceMap }) };
}

/** The index of the item with this id in a list section: the path lint findings use. */
export function indexOf(list: readonly { id: string }[] | undefined, id: string): number {
  const i = (list ?? []).findIndex((item) => item.id === id);
  if (i < 0) throw new Error(`no item with id "${id}" in the example: fix the test`);
  return i;
}

/** What a test expects the lint report to contain: a rule, and optionally where and how severe. */
export interface ExpectedFinding {
  rule: string;
  /** The finding's path starts with this path. */
  at?: readonly (string | number)[];
  severity?: 'error' | 'warning' | 'info';
  /** Why the seed has this defect, shown when the expectation fails. */
  why: string;
}

const startsWith = (path: readonly (string | number)[], prefix: readonly (string | number)[]) => prefix.every((p, i) => path[i] === p);

/** Asserts that each expected defect is reported, at the expected place, with the expected severity. */
export function expectFindings(lint: readonly Finding[], expected: readonly ExpectedFinding[]): void {
  const shown = lint.map((f) => `${f.severity} ${f.ruleId} @ ${f.path.join('.')}`).join('\n  ');
  for (const e of expected) {
    const hit = lint.find((f) => f.ruleId === e.rule && (!e.at || startsWith(f.path, e.at)) && (!e.severity || f.severity === e.severity));
    expect(
      hit,
      `expected ${e.severity ?? 'a'} finding ${e.rule}${e.at ? ` at ${e.at.join('.')}` : ''} (${e.why}); the report has:\n  ${shown}`,
    ).toBeDefined();
  }
}

/** Asserts that a rule reports nothing (at a place): guards against false positives on statements the seed gets right. */
export function expectNoFinding(lint: readonly Finding[], rule: string, why: string, at?: readonly (string | number)[]): void {
  const hits = lint.filter((f) => f.ruleId === rule && (!at || startsWith(f.path, at)));
  expect(
    hits.map((f) => `${f.ruleId} @ ${f.path.join('.')}: ${f.message}`),
    `expected no ${rule}${at ? ` at ${at.join('.')}` : ''} (${why})`,
  ).toEqual([]);
}

/** Collapses white space so facts can be found whatever the line wrapping of the rendered text. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A fact from the seed that the rendered notice must state: text, or a pattern where wording may vary. */
export type Fact = string | RegExp;

/** The facts missing from a rendered notice (white space is collapsed in both). */
export function missingFacts(rendered: string, facts: readonly Fact[]): string[] {
  const text = flatten(rendered);
  return facts.filter((f) => (typeof f === 'string' ? !text.includes(flatten(f)) : !f.test(text))).map(String);
}

/**
 * Compares the checked-in notice.html with the renderer's output; with UPDATE_EXAMPLES=1 writes it instead.
 */
export function expectCheckedInNotice(url: URL, declaration: Declaration): void {
  const path = fileURLToPath(url);
  const html = renderNotice(declaration, { format: 'html' });
  if (process.env.UPDATE_EXAMPLES === '1') {
    writeFileSync(path, html);
    return;
  }
  expect(existsSync(path), `${path} is missing: run UPDATE_EXAMPLES=1 npx vitest run examples`).toBe(true);
  const stored = readFileSync(path, 'utf8');
  if (stored === html) return;
  const a = stored.split('\n');
  const b = html.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  expect.fail(
    `${path} differs from the rendered notice from line ${line + 1}:\n  stored:   ${a[line] ?? '(end of file)'}\n  rendered: ${b[line] ?? '(end of file)'}\n` +
      'If the change is intended, run UPDATE_EXAMPLES=1 npx vitest run examples and review the diff.',
  );
}

/** Asserts that the completeness check finds these Art 13/14 items missing from the notice. */
export function expectCoverageMissing(report: { items: readonly { id: string; status: string }[] }, ids: readonly string[]): void {
  const missing = report.items.filter((i) => i.status === 'missing').map((i) => i.id);
  for (const id of ids) expect(missing, `coverage item ${id} should be reported missing`).toContain(id);
}

/** Asserts a declaration has no finding at error or warning level and that its notice covers every Art 13/14 item. */
export function expectCleanAndComplete(declaration: Declaration): void {
  const serious = lintDeclaration(declaration).filter((f) => f.severity !== 'info');
  expect(serious.map((f) => `${f.severity} ${f.ruleId} @ ${f.path.join('.')}: ${f.message}`)).toEqual([]);
  const missing = checkCoverage(declaration).items.filter((i) => i.status === 'missing');
  expect(missing.map((i) => `${i.id}: ${i.reason}`)).toEqual([]);
}
