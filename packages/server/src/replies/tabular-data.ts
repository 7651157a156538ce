import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type Row = Record<string, unknown>;

/**
 * The records in a JSON document: an array of objects as is; an object whose values include arrays of objects
 * (e.g. { contacts: [...], orders: [...] }) as one table per key; any other object as one record.
 */
export function jsonTables(value: unknown): { name: string | undefined; rows: Row[] }[] {
  const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(value)) return [{ name: undefined, rows: value.map((v) => (isRow(v) ? v : { value: v })) }];
  if (isRow(value)) {
    const lists = Object.entries(value).filter(([, v]) => Array.isArray(v) && v.length && v.every(isRow));
    if (lists.length && lists.length === Object.keys(value).length) return lists.map(([k, v]) => ({ name: k, rows: v as Row[] }));
    return [{ name: undefined, rows: [value] }];
  }
  return [{ name: undefined, rows: [{ value }] }];
}

/** Nested objects become dotted columns ("address.city"); arrays become JSON text. */
function flatten(row: Row, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(row)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Row, key, out);
    else out[key] = v === null || v === undefined ? '' : typeof v === 'string' ? v : Array.isArray(v) ? JSON.stringify(v) : String(v);
  }
  return out;
}

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) gets a leading quote (OWASP
 * "CSV injection"): the person opens this file in a spreadsheet. Numbers such as -5 are left as they are.
 */
function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell) ? `'${cell}` : cell;
}

/** Records as RFC 4180 CSV with a header row of every column seen (first-seen order), UTF-8 with a BOM for Excel. */
export function rowsToCsv(rows: readonly Row[]): string {
  const flat = rows.map((r) => flatten(r));
  const columns: string[] = [];
  for (const r of flat) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  if (!columns.length) return '';
  return stringify([columns.map(neutralise), ...flat.map((r) => columns.map((c) => neutralise(r[c] ?? '')))], { record_delimiter: 'windows', bom: true });
}

/** A CSV file (header row first) as records. Throws with the parser's message when it is not well-formed CSV. */
export function csvToRows(text: string): Row[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Row[];
}
