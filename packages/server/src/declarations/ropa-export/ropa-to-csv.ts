import { ROPA_CONTROLLER_COLUMNS, ROPA_PROCESSOR_COLUMNS, type Ropa, type RopaColumn } from '@pledge/core';
import { stringify } from 'csv-stringify/sync';

export interface RopaCsvOptions {
  /** Start with a UTF-8 byte order mark, so older Excel versions read accents correctly. Default false. */
  bom?: boolean;
}

/**
 * A cell a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return) is prefixed
 * with a single quote, so opening the CSV never runs it (OWASP "CSV injection").
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * The controller (Art 30(1)) or processor (Art 30(2)) record as CSV: RFC 4180 (CRLF line ends, fields quoted where
 * needed), a header row of the ICO template column names, one row per purpose or processor activity.
 *
 * @example
 * writeFileSync('ropa-controller.csv', ropaToCsv(buildRopa(declaration), 'controller'));
 */
export function ropaToCsv(ropa: Ropa, record: 'controller' | 'processor', options: RopaCsvOptions = {}): string {
  const columns: readonly RopaColumn[] = record === 'controller' ? ROPA_CONTROLLER_COLUMNS : ROPA_PROCESSOR_COLUMNS;
  const rows = (ropa[record].rows as readonly Readonly<Record<string, string>>[]).map((row) => columns.map((c) => neutraliseFormula(row[c.key] ?? '')));
  return stringify([columns.map((c) => c.header), ...rows], { record_delimiter: 'windows', bom: options.bom ?? false });
}
