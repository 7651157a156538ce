import type { z } from 'zod';
import type { DeclarationPath, Finding } from './finding.js';
import { suggest } from './suggest.js';

type AnySchema = z.ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  element?: AnySchema;
  shape?: Record<string, AnySchema>;
  options?: AnySchema[];
}

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema found by following `path` from `root` (through optional, default and array wrappers). */
function schemaAt(root: AnySchema, path: DeclarationPath): AnySchema | undefined {
  let current: AnySchema | undefined = root;
  const unwrap = (s: AnySchema): AnySchema => {
    let def = defOf(s);
    while ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) {
      s = def.innerType;
      def = defOf(s);
    }
    return s;
  };
  for (const step of path) {
    if (!current) return undefined;
    current = unwrap(current);
    const def = defOf(current);
    if (typeof step === 'number') current = def.type === 'array' ? def.element : undefined;
    else current = def.type === 'object' ? (def.shape ?? (current as unknown as { shape: Record<string, AnySchema> }).shape)?.[step] : undefined;
  }
  return current ? unwrap(current) : undefined;
}

function knownKeys(root: AnySchema, path: DeclarationPath): string[] {
  const s = schemaAt(root, path);
  if (!s) return [];
  const shape = (s as unknown as { shape?: Record<string, AnySchema> }).shape;
  return shape ? Object.keys(shape) : [];
}

const describeValue = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `text "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return `${typeof v} ${String(v)}`;
};

const valueAt = (data: unknown, path: DeclarationPath): unknown => {
  let cur: unknown = data;
  for (const step of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
};

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

/**
 * Turns zod's validation issues into findings that say what was wrong and how to fix it,
 * suggesting the nearest known key or value for typos.
 */
export function schemaIssuesToFindings(schema: AnySchema, data: unknown, issues: readonly z.core.$ZodIssue[]): Finding[] {
  const findings: Finding[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path.length ? path.join('.') : 'the top level';
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const k of issue.keys) {
        const near = suggest(k, known);
        findings.push({
          ruleId: 'schema-unknown-key',
          severity: 'error',
          path: [...path, k],
          message: `Unknown key "${k}" in ${where}.` + (near ? ` Did you mean "${near}"?` : ` Known keys here: ${known.join(', ')}.`),
        });
      }
      continue;
    }
    if (issue.code === 'invalid_value') {
      const values = (issue.values as unknown[]).map(String);
      const given = valueAt(data, path);
      const near = typeof given === 'string' ? suggest(given, values) : undefined;
      findings.push({
        ruleId: 'schema-invalid-value',
        severity: 'error',
        path,
        message:
          `${where}: ${given === undefined ? 'a value is required' : describeValue(given) + ' is not allowed'}.` +
          (near ? ` Did you mean "${near}"?` : '') +
          ` Use one of: ${values.join(', ')}.`,
      });
      continue;
    }
    if (issue.code === 'invalid_type') {
      const given = valueAt(data, path);
      const expected = typeWords[issue.expected] ?? issue.expected;
      findings.push({
        ruleId: given === undefined ? 'schema-missing' : 'schema-invalid-type',
        severity: 'error',
        path,
        message: given === undefined ? `${where} is required: add it (expected ${expected}).` : `${where}: expected ${expected}, found ${describeValue(given)}.`,
      });
      continue;
    }
    if (issue.code === 'invalid_union') {
      findings.push({ ruleId: 'schema-invalid-value', severity: 'error', path, message: `${where}: ${issue.message}.` });
      continue;
    }
    findings.push({ ruleId: 'schema-invalid-value', severity: 'error', path, message: `${where}: ${issue.message}.` });
  }
  return findings;
}
