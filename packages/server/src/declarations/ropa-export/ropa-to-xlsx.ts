import { ROPA_CONTROLLER_COLUMNS, ROPA_PROCESSOR_COLUMNS, type Ropa, type RopaColumn } from '@pledge/core';
import ExcelJS from 'exceljs';
import { normaliseZipDates } from './normalise-zip-dates.js';

export interface RopaXlsxOptions {
  /** The declaration the record comes from, as the About sheet names it (e.g. "pledge.yaml"). */
  source: string;
  /**
   * The date the workbook is stamped with (document properties, zip entries, About sheet). The export never reads
   * the clock, so the same declaration and date give the same bytes. Default: 1980-01-01, shown as no date.
   */
  date?: Date;
  /** Pledge version to name on the About sheet. */
  pledgeVersion?: string;
}

/** Column widths in characters; wide for the columns that hold the most words. */
const WIDTHS: Record<string, number> = {
  businessFunction: 24, purpose: 32, jointController: 26, individuals: 22, personalData: 32, recipients: 34, processorContract: 28,
  thirdCountries: 22, transferSafeguards: 36, retention: 34, security: 32, lawfulBasis: 36, art9Condition: 26, legitimateInterests: 28,
  liaLink: 20, rights: 32, automatedDecisions: 26, source: 22, consentRecord: 16, location: 26, dpiaRequired: 16, dpiaProgress: 14,
  dpiaLink: 14, breach: 14, breachLink: 18, schedule1Condition: 26, retentionPolicyLink: 20, retainedPerPolicy: 22, reasonsIfNot: 22,
  activity: 24, processor: 34, controllers: 30, representative: 26, dpo: 26, categoriesOfProcessing: 34, subprocessors: 34, contract: 26, deletion: 22,
};

const EPOCH = new Date(Date.UTC(1980, 0, 1));
/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;

/**
 * The height a row needs to show its wrapped cells in full. Spreadsheets do not reliably fit row heights to wrapped
 * text when they open a file, so the export sets them: lines per cell estimated from the column width in characters.
 */
function rowHeight(cells: readonly { text: string; width: number }[], bold = false): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const perLine = Math.max(1, Math.floor((width - 1) * (bold ? 0.95 : 1.1)));
    const n = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
    lines = Math.max(lines, n);
  }
  return Math.min(409, lines * LINE_HEIGHT + 3); // 409 points: the most a row can be
}
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF8EA9DB' } };

interface SheetSpec {
  name: string;
  title: string;
  block: [label: string, value: string][];
  columns: readonly RopaColumn[];
  rows: readonly Readonly<Record<string, string>>[];
  frozenColumns: number;
  empty: string;
}

function addRecordSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name, {
    // Printed across pages with the header row repeated: 29 columns on one page would be unreadable.
    pageSetup: { orientation: 'landscape', paperSize: 9, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 } },
  });
  sheet.columns = spec.columns.map((c) => ({ key: c.key, width: WIDTHS[c.key] ?? 22 }));

  // Title block: what the record is and whose it is (Art 30(1)(a), 30(2)(a)).
  const title = sheet.getCell(1, 1);
  title.value = spec.title;
  title.font = { name: 'Calibri', bold: true, size: 14 };
  spec.block.forEach(([label, value], i) => {
    const row = sheet.getRow(2 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { name: 'Calibri', bold: true, size: 11 };
    // One line each: newlines only show in wrapped cells, and wrapping here would make the block tall and narrow.
    row.getCell(2).value = value.replace(/\n/g, '; ') || '\u2014';
  });

  const headerRowNumber = spec.block.length + 3;
  const header = sheet.getRow(headerRowNumber);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: 'Calibri', bold: true, size: 11 };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });

  const width = (key: string) => WIDTHS[key] ?? 22;
  header.height = rowHeight(spec.columns.map((c) => ({ text: c.header, width: width(c.key) })), true);

  spec.rows.forEach((data, r) => {
    const row = sheet.getRow(headerRowNumber + 1 + r);
    spec.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      // Written as text cells: a value starting with "=" stays text here, unlike in a CSV.
      cell.value = data[c.key] ?? '';
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = { bottom: { style: 'hair', color: { argb: 'FFBFBFBF' } } };
    });
    row.height = rowHeight(spec.columns.map((c) => ({ text: data[c.key] ?? '', width: width(c.key) })));
  });
  if (spec.rows.length === 0) {
    const cell = sheet.getCell(headerRowNumber + 1, 1);
    cell.value = spec.empty;
    cell.font = { name: 'Calibri', italic: true, size: 11 };
  }

  sheet.views = [{ state: 'frozen', xSplit: spec.frozenColumns, ySplit: headerRowNumber, topLeftCell: sheet.getCell(headerRowNumber + 1, spec.frozenColumns + 1).address }];
  sheet.autoFilter = { from: { row: headerRowNumber, column: 1 }, to: { row: headerRowNumber, column: spec.columns.length } };
  sheet.pageSetup.printTitlesRow = `${headerRowNumber}:${headerRowNumber}`;
}

/**
 * The record of processing activities as an .xlsx workbook shaped like the ICO's template: a "Controller" sheet
 * (Art 30(1)) and a "Processor" sheet (Art 30(2)), each a title block (organisation, contacts, DPO) above a bold,
 * frozen header row of the template columns and a row per purpose or activity; and an "About" sheet naming the
 * declaration it was generated from. Deterministic: the same record and options give the same bytes.
 *
 * @example
 * writeFileSync('ropa.xlsx', await ropaToXlsx(buildRopa(declaration), { source: 'pledge.yaml', date: new Date('2026-02-05') }));
 */
export async function ropaToXlsx(ropa: Ropa, options: RopaXlsxOptions): Promise<Buffer> {
  const date = options.date ?? EPOCH;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pledge';
  workbook.lastModifiedBy = 'Pledge';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = `Record of processing activities: ${ropa.controller.header.organisation}`;

  const c = ropa.controller.header;
  addRecordSheet(workbook, {
    name: 'Controller',
    title: 'Record of processing activities: controller (UK GDPR Art 30(1))',
    block: [
      ['Organisation', c.controller],
      ['Contacts', c.contacts],
      ['Data protection officer', c.dpo],
      ['Representatives', c.representatives],
      ['Joint controllers', c.jointControllers],
    ],
    columns: ROPA_CONTROLLER_COLUMNS,
    rows: ropa.controller.rows,
    frozenColumns: 2,
    empty: 'No purposes are declared.',
  });
  const p = ropa.processor.header;
  addRecordSheet(workbook, {
    name: 'Processor',
    title: 'Record of processing activities: processor (UK GDPR Art 30(2))',
    block: [
      ['Organisation', p.processor],
      ['Contacts', p.contacts],
      ['Data protection officer', p.dpo],
      ['Representatives', p.representatives],
    ],
    columns: ROPA_PROCESSOR_COLUMNS,
    rows: ropa.processor.rows,
    frozenColumns: 1,
    empty: 'No processor activities are declared: the organisation acts as a processor for no one.',
  });

  const about = workbook.addWorksheet('About', { pageSetup: { orientation: 'landscape', paperSize: 9 } });
  about.columns = [{ width: 22 }, { width: 90 }];
  about.getCell('A1').value = 'About this record';
  about.getCell('A1').font = { name: 'Calibri', bold: true, size: 14 };
  const lines: [string, string][] = [
    ['Generated by', `Pledge${options.pledgeVersion ? ` ${options.pledgeVersion}` : ''}, from the declaration ${options.source}`],
    ['Organisation', c.organisation],
    ...(options.date ? ([['Date', date.toISOString().slice(0, 10)]] as [string, string][]) : []),
    ['What it is', 'The record of processing activities required by UK GDPR Article 30, in the columns of the ICO\u2019s documentation template.'],
    [
      'To complete by hand',
      'DPIA, personal data breach, consent record and retention policy columns are left empty: the declaration does not hold them. Fill them in here, or keep them in Pledge\u2019s registers.',
    ],
    ['Keeping it current', 'Change the declaration and export again, rather than editing the other columns here: the declaration is the source of this record.'],
  ];
  lines.forEach(([label, value], i) => {
    const row = about.getRow(3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { name: 'Calibri', bold: true, size: 11 };
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).value = value;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight([{ text: value, width: 90 }]);
  });

  const bytes = await workbook.xlsx.writeBuffer();
  return normaliseZipDates(Buffer.from(bytes as ArrayBuffer), date);
}
