/**
 * A deep copy of `value` with every object's keys in code-point order, so a generated document is byte-stable
 * whatever order routes and schemas were registered in. Arrays keep their order (it can carry meaning).
 * @example sortKeys({ b: 1, a: { d: 2, c: 3 } }) // { a: { c: 3, d: 2 }, b: 1 }
 */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as Record<string, unknown>).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out as T;
}
