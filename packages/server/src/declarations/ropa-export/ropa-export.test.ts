import { buildRopa, parseDeclaration, ROPA_CONTROLLER_COLUMNS, ROPA_PROCESSOR_COLUMNS, type Ropa } from '@pledge/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { neutraliseFormula, ropaToCsv } from './ropa-to-csv.js';
import { ropaToXlsx } from './ropa-to-xlsx.js';

const YAML = `
pledge: 1
organisation:
  legal_name: "Acme, \\"Widgets\\" Ltd"
  address: 1 High Street, Leeds LS1 1AA
  contact: { email: privacy@acme.example }
  dpo: { name: Dana Officer, email: dpo@acme.example }
subjects:
  - { id: customers, name: Customers }
data_categories:
  - { id: contact, name: Contact details }
  - { id: formula, name: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")" }
purposes:
  - id: billing
    name: Billing, invoicing
    description: "Sending invoices\\non time"
    subjects: [customers]
    data_categories: [contact]
    lawful_bases: [{ basis: contract }]
    recipients: [stripe]
  - id: sneaky
    name: "+cmd|' /C calc'!A0"
    description: "@SUM(1+1)"
    subjects: [customers]
    data_categories: [formula]
    lawful_bases: [{ basis: legitimate_interests, interest: "-2+3", assessment: LIA-7 }]
recipients:
  - { id: stripe, name: Stripe, kind: processor, locations: [IE, US], contract: Stripe DPA }
processor_activities:
  - id: hosting
    name: Hosting customer data
    controllers: [{ name: Our customers }]
    subjects: [customers]
    data_categories: [contact]
    subprocessors: [stripe]
`;

function ropa(): Ropa {
  const r = parseDeclaration(YAML);
  expect(r.findings).toEqual([]);
  return buildRopa(r.declaration!);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('neutraliseFormula', () => {
  it('prefixes cells a spreadsheet would evaluate, and only those', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ['', 'plain', ' =1', "'already", 'a=b']) expect(neutraliseFormula(s)).toBe(s);
  });
});

describe('ropaToCsv', () => {
  it('parses back to a header row of the template columns and one row per purpose', () => {
    const csv = ropaToCsv(ropa(), 'controller');
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = parse(csv, { relax_column_count: false }) as string[][];
    expect(records[0]).toEqual(ROPA_CONTROLLER_COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(3);
    const billing = records[1]!;
    const col = (key: string) => ROPA_CONTROLLER_COLUMNS.findIndex((c) => c.key === key);
    expect(billing[col('businessFunction')]).toBe('Billing, invoicing');
    expect(billing[col('purpose')]).toBe('Sending invoices\non time');
    expect(billing[col('recipients')]).toBe('Stripe (processor, IE, US)');
    expect(billing[col('thirdCountries')]).toBe('IE (Stripe); US (Stripe)');
    expect(billing[col('lawfulBasis')]).toBe('Contract (Art 6(1)(b))');
    expect(billing[col('dpiaRequired')]).toBe('');
  });

  it('neutralises formula injection in every cell', () => {
    const records = parse(ropaToCsv(ropa(), 'controller')) as string[][];
    const sneaky = records[2]!;
    const col = (key: string) => ROPA_CONTROLLER_COLUMNS.findIndex((c) => c.key === key);
    expect(sneaky[col('businessFunction')]).toBe("'+cmd|' /C calc'!A0");
    expect(sneaky[col('purpose')]).toBe("'@SUM(1+1)");
    expect(sneaky[col('personalData')]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(sneaky[col('legitimateInterests')]).toBe("'-2+3");
    for (const row of records) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports the processor record, with an optional byte order mark', () => {
    const csv = ropaToCsv(ropa(), 'processor', { bom: true });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records = parse(csv, { bom: true }) as string[][];
    expect(records[0]).toEqual(ROPA_PROCESSOR_COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(2);
    const col = (key: string) => ROPA_PROCESSOR_COLUMNS.findIndex((c) => c.key === key);
    expect(records[1]![col('activity')]).toBe('Hosting customer data');
    expect(records[1]![col('thirdCountries')]).toBe('IE (Stripe); US (Stripe)');
  });
});

describe('ropaToXlsx', () => {
  const date = new Date('2026-02-05T00:00:00Z');

  async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    return wb;
  }

  /** The row whose first cell is the first column header. */
  function headerRow(sheet: ExcelJS.Worksheet, first: string): number {
    for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === first) return r;
    throw new Error(`no header row in ${sheet.name}`);
  }

  it('has the Controller, Processor and About sheets', async () => {
    const wb = await read(await ropaToXlsx(ropa(), { source: 'pledge.yaml', date }));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Controller', 'Processor', 'About']);
    expect(wb.creator).toBe('Pledge');
    expect(wb.created.toISOString()).toBe(date.toISOString());
    expect(wb.modified.toISOString()).toBe(date.toISOString());
  });

  it('puts a title block above a bold, wrapped, frozen header row and a row per purpose', async () => {
    const wb = await read(await ropaToXlsx(ropa(), { source: 'pledge.yaml', date }));
    const sheet = wb.getWorksheet('Controller')!;
    expect(String(sheet.getCell('A1').value)).toMatch(/controller/);
    const block = [2, 3, 4].map((r) => `${sheet.getCell(r, 1).value}: ${sheet.getCell(r, 2).value}`);
    expect(block).toEqual([
      'Organisation: Acme, "Widgets" Ltd; 1 High Street, Leeds LS1 1AA',
      'Contacts: privacy@acme.example',
      'Data protection officer: Dana Officer, dpo@acme.example',
    ]);
    const h = headerRow(sheet, ROPA_CONTROLLER_COLUMNS[0].header);
    ROPA_CONTROLLER_COLUMNS.forEach((c, i) => {
      const cell = sheet.getCell(h, i + 1);
      expect(cell.value).toBe(c.header);
      expect(cell.font?.bold).toBe(true);
      expect(cell.alignment?.wrapText).toBe(true);
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: h, xSplit: 2 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
    // One row per purpose, cells written as text: the XLSX keeps "=..." as a string, never a formula.
    expect(sheet.getCell(h + 1, 1).value).toBe('Billing, invoicing');
    expect(sheet.getCell(h + 1, 2).value).toBe('Sending invoices\non time');
    expect(sheet.getCell(h + 1, 2).alignment?.wrapText).toBe(true);
    const pd = ROPA_CONTROLLER_COLUMNS.findIndex((c) => c.key === 'personalData') + 1;
    expect(sheet.getCell(h + 2, pd).value).toBe('=HYPERLINK("http://evil.example","click")');
    expect(sheet.getCell(h + 2, pd).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell(h + 3, 1).value ?? null).toBeNull();
  });

  it('fills the Processor sheet and names the declaration on the About sheet', async () => {
    const wb = await read(await ropaToXlsx(ropa(), { source: 'acme/pledge.yaml', date, pledgeVersion: '0.1.0' }));
    const sheet = wb.getWorksheet('Processor')!;
    const h = headerRow(sheet, ROPA_PROCESSOR_COLUMNS[0].header);
    expect(ROPA_PROCESSOR_COLUMNS.map((_c, i) => sheet.getCell(h, i + 1).value)).toEqual(ROPA_PROCESSOR_COLUMNS.map((c) => c.header));
    expect(sheet.getCell(h + 1, 1).value).toBe('Hosting customer data');
    const about = wb.getWorksheet('About')!;
    const text = about.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('Pledge 0.1.0, from the declaration acme/pledge.yaml');
    expect(text).toContain('2026-02-05');
  });

  it('says so when no processor activity is declared', async () => {
    const r = buildRopa(parseDeclaration('pledge: 1\norganisation: { legal_name: Tiny Ltd }\n').declaration!);
    const wb = await read(await ropaToXlsx(r, { source: 'tiny.yaml' }));
    const sheet = wb.getWorksheet('Processor')!;
    const h = headerRow(sheet, ROPA_PROCESSOR_COLUMNS[0].header);
    expect(String(sheet.getCell(h + 1, 1).value)).toMatch(/No processor activities/);
  });

  it('gives the same bytes at any time of day: no clock is read', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T10:00:00Z'));
    const a = await ropaToXlsx(ropa(), { source: 'pledge.yaml', date });
    vi.setSystemTime(new Date('2031-06-15T17:43:21Z'));
    const b = await ropaToXlsx(ropa(), { source: 'pledge.yaml', date });
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
