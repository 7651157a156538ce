import { describe, expect, it } from 'vitest';
import { PledgeError } from '../errors/pledge-error.js';
import { cleanFileName, detectFileType } from './detect-file-type.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PDF = bytes('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], 'rest of a zip');
const EMPTY_ZIP = bytes([0x50, 0x4b, 0x05, 0x06], Array(18).fill(0));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR....');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF');
const GIF87 = bytes('GIF87a', [1, 0, 1, 0]);
const GIF89 = bytes('GIF89a', [1, 0, 1, 0]);
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
const EXE = bytes('MZ', [0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

/** The refusal's message, failing the test when nothing was refused. */
function refusal(f: () => unknown): PledgeError {
  try {
    f();
  } catch (e) {
    if (e instanceof PledgeError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('detectFileType: by content, not by name or declared type', () => {
  it.each([
    ['report.pdf', PDF, 'pdf', 'application/pdf'],
    ['export.zip', ZIP, 'zip', 'application/zip'],
    ['empty.zip', EMPTY_ZIP, 'zip', 'application/zip'],
    ['photo.png', PNG, 'png', 'image/png'],
    ['photo.jpg', JPEG, 'jpeg', 'image/jpeg'],
    ['photo.jpeg', JPEG, 'jpeg', 'image/jpeg'],
    ['old.gif', GIF87, 'gif', 'image/gif'],
    ['anim.gif', GIF89, 'gif', 'image/gif'],
    ['pic.webp', WEBP, 'webp', 'image/webp'],
    ['data.json', bytes('{"a": [1, 2]}'), 'json', 'application/json'],
    ['rows.csv', bytes('name,email\nAda,ada@example.test\n'), 'csv', 'text/csv; charset=utf-8'],
    ['notes.txt', bytes('Line one\tand a tab\r\nline two\f'), 'text', 'text/plain; charset=utf-8'],
  ] as const)('accepts %s as %s', (name, content, kind, contentType) => {
    expect(detectFileType(content, name)).toEqual({ kind, contentType, name });
  });

  it('adds the extension when the name has none, and reads JSON and CSV from content or declared type', () => {
    expect(detectFileType(PDF, 'scan').name).toBe('scan.pdf');
    expect(detectFileType(bytes('\ufeff[1,2,3]'.replace('\ufeff', '\xef\xbb\xbf')), 'data')).toMatchObject({ kind: 'json', name: 'data.json' });
    expect(detectFileType(bytes('a,b\n1,2\n'), 'table', 'text/csv')).toMatchObject({ kind: 'csv', name: 'table.csv' });
    expect(detectFileType(bytes('a,b\n1,2\n'), 'table')).toMatchObject({ kind: 'text', name: 'table.txt' });
    // Text may be named .csv or .txt either way round.
    expect(detectFileType(bytes('plain words'), 'words.csv').kind).toBe('csv');
  });

  it.each([
    ['a PNG named .pdf', PNG, 'passport.pdf', /named \.pdf but its content is PNG image/],
    ['a PDF named .png', PDF, 'photo.png', /named \.png but its content is PDF/],
    ['a ZIP named .docx-like .pdf', ZIP, 'id.pdf', /named \.pdf but its content is ZIP/],
    ['a JPEG named .json', JPEG, 'data.json', /named \.json but its content is JPEG image/],
    ['text named .pdf (an HTML page posing as a PDF)', bytes('<html><script>alert(1)</script></html>'), 'passport.pdf', /named \.pdf but its content is plain text/],
    ['text named .png', bytes('just text'), 'photo.png', /named \.png but its content is plain text/],
    ['an executable named .pdf', EXE, 'invoice.pdf', /not a type a reply may carry/],
    ['an ELF binary', ELF, 'tool', /not a type a reply may carry/],
    ['invalid UTF-8', bytes([0xc3, 0x28, 0x41]), 'x.txt', /not a type a reply may carry/],
    ['text with control characters', bytes('evil\u0000text'), 'x.txt', /not a type a reply may carry/],
    ['text named with an unknown extension (.html)', bytes('<p>hi</p>'), 'page.html', /not a type a reply may carry \(\.html\)/],
    ['broken JSON named .json', bytes('{"a": '), 'data.json', /named \.json but is not valid JSON/],
  ] as const)('refuses %s', (_what, content, name, message) => {
    const e = refusal(() => detectFileType(content, name));
    expect(e.code).toBe('unprocessable');
    expect(e.message).toMatch(message);
  });

  it('refuses an empty file as invalid input', () => {
    expect(refusal(() => detectFileType(new Uint8Array(), 'x.pdf')).code).toBe('invalid_input');
  });

  it('narrows to an allow-list (proof of identity: PDF or images) with its own words', () => {
    const opts = { allow: ['pdf', 'png', 'jpeg', 'gif', 'webp'] as const, allowedList: 'a PDF or an image', what: 'we accept as proof', advice: 'Scan it.' };
    expect(detectFileType(PDF, 'id.pdf', undefined, opts).kind).toBe('pdf');
    expect(detectFileType(WEBP, 'id', undefined, opts).name).toBe('id.webp');
    for (const [content, name] of [[ZIP, 'id.zip'], [bytes('{"a":1}'), 'id.json'], [bytes('hello'), 'id.txt'], [bytes('a,b'), 'id.csv']] as const) {
      const e = refusal(() => detectFileType(content, name, undefined, opts));
      expect(e.code).toBe('unprocessable');
      expect(e.message).toContain('is not a type we accept as proof');
      expect(e.message).toContain('Allowed: a PDF or an image. Scan it.');
      expect(e.details).toMatchObject({ allowed: ['PDF', 'PNG image', 'JPEG image', 'GIF image', 'WebP image'] });
    }
    // A disguise is still named as such, with the narrowed list.
    expect(refusal(() => detectFileType(PNG, 'id.pdf', undefined, opts)).message).toMatch(/named \.pdf but its content is PNG image.*Allowed: a PDF or an image\./);
  });
});

describe('cleanFileName', () => {
  it('keeps the base name only, without control, bidi-override or reserved characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\scan.pdf')).toBe('scan.pdf');
    expect(cleanFileName('in\u202evoice\u0000fdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('a<b>:"|?*.pdf')).toBe('ab.pdf');
    expect(cleanFileName('...hidden')).toBe('hidden');
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName('x'.repeat(300) + '.pdf')).toHaveLength(120);
  });
});
