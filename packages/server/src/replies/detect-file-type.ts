import { PledgeError } from '../errors/pledge-error.js';

/** The kinds of file a reply may carry, with the extension the stored name gets and the type it is served as. */
export const ALLOWED_TYPES = {
  json: { label: 'JSON', ext: ['json'], contentType: 'application/json' },
  csv: { label: 'CSV', ext: ['csv'], contentType: 'text/csv; charset=utf-8' },
  text: { label: 'plain text', ext: ['txt'], contentType: 'text/plain; charset=utf-8' },
  pdf: { label: 'PDF', ext: ['pdf'], contentType: 'application/pdf' },
  zip: { label: 'ZIP', ext: ['zip'], contentType: 'application/zip' },
  png: { label: 'PNG image', ext: ['png'], contentType: 'image/png' },
  jpeg: { label: 'JPEG image', ext: ['jpg', 'jpeg'], contentType: 'image/jpeg' },
  gif: { label: 'GIF image', ext: ['gif'], contentType: 'image/gif' },
  webp: { label: 'WebP image', ext: ['webp'], contentType: 'image/webp' },
} as const;

export type FileKind = keyof typeof ALLOWED_TYPES;

export const ALLOWED_LIST = 'JSON, CSV, plain text, PDF, ZIP, or a PNG, JPEG, GIF or WebP image';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Magic numbers (file signatures) of the binary kinds. */
function binaryKind(b: Uint8Array): FileKind | undefined {
  if (startsWith(b, ascii('%PDF-'))) return 'pdf';
  // Local file header, or the end-of-central-directory record of an empty archive.
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'webp';
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text that is valid UTF-8 with no control characters other than tab, line feed, carriage return and form feed. */
function asText(b: Uint8Array): string | undefined {
  let s: string;
  try {
    s = utf8.decode(b);
  } catch {
    return undefined;
  }
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(s) ? undefined : s;
}

function parsesAsJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function extensionOf(name: string): string | undefined {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m?.[1]?.toLowerCase();
}

/** Narrows what is accepted (e.g. proof of identity: a PDF or an image only), and how the refusal words it. */
export interface DetectOptions {
  /** The kinds accepted; default all of ALLOWED_TYPES. */
  allow?: readonly FileKind[];
  /** The allowed kinds in words, for messages; default ALLOWED_LIST. */
  allowedList?: string;
  /** What the file is for, in messages: "a reply may carry" by default. */
  what?: string;
  /** What to do instead, appended to a refusal. */
  advice?: string;
}

export interface DetectedFile {
  kind: FileKind;
  contentType: string;
  /** The name to store: the given one, with the right extension added when it had none. */
  name: string;
}

/**
 * Decides what a file is from its content, not its name: signatures for PDF, ZIP and images, a full parse for JSON,
 * UTF-8 without control characters for CSV and plain text (CSV when the name or declared type says CSV). Refuses
 * anything else, and a name whose extension contradicts the content (a PNG named report.pdf), with a message that
 * lists the allowed types. OWASP File Upload Cheat Sheet: allow-list, validate the content, do not trust the
 * Content-Type header or the extension.
 */
export function detectFileType(bytes: Uint8Array, givenName: string, declaredType?: string, opts: DetectOptions = {}): DetectedFile {
  if (!bytes.length) throw new PledgeError('invalid_input', 'The file is empty. Attach a file with the data in it.');
  const name = cleanFileName(givenName);
  const ext = extensionOf(name);
  const allow = new Set<FileKind>(opts.allow ?? (Object.keys(ALLOWED_TYPES) as FileKind[]));
  const allowedList = opts.allowedList ?? ALLOWED_LIST;
  const what = opts.what ?? 'a reply may carry';
  const notAllowed = (detail: string) =>
    new PledgeError('unprocessable', `The file "${name}" is not a type ${what}${detail}. Allowed: ${allowedList}. ${opts.advice ?? 'Convert it to one of these (for example, export a spreadsheet as CSV) and attach it again.'}`, {
      allowed: [...allow].map((k) => ALLOWED_TYPES[k].label),
    });
  let kind = binaryKind(bytes);
  if (!kind) {
    const text = asText(bytes);
    if (text === undefined || !(allow.has('text') || allow.has('csv') || allow.has('json'))) throw notAllowed('');
    const body = text.replace(/^\ufeff/, '');
    if (ext === 'csv' || ext === 'txt') kind = ext === 'csv' ? 'csv' : 'text';
    else if (/^\s*[[{]/.test(body) && parsesAsJson(body)) kind = 'json';
    else if (ext === 'json') throw new PledgeError('unprocessable', `The file "${name}" is named .json but is not valid JSON. Fix the JSON (check it with a JSON validator) or attach it as .txt.`);
    else kind = /^text\/csv\b/i.test(declaredType ?? '') ? 'csv' : 'text';
  }
  if (!allow.has(kind)) throw notAllowed(` (it is ${ALLOWED_TYPES[kind].label})`);
  const spec = ALLOWED_TYPES[kind];
  const known = Object.values(ALLOWED_TYPES).flatMap((t) => [...t.ext]) as string[];
  // A text file may carry .csv or .txt; every other kind must carry its own extension, or none.
  const textual = kind === 'text' || kind === 'csv';
  if (ext && !(spec.ext as readonly string[]).includes(ext) && !(textual && (ext === 'txt' || ext === 'csv'))) {
    if (known.includes(ext) || !textual) {
      throw new PledgeError('unprocessable', `The file "${name}" is named .${ext} but its content is ${spec.label}. Rename it to end in .${spec.ext[0]}, or attach the right file. Allowed: ${allowedList}.`, {
        detected: spec.label,
      });
    }
    throw notAllowed(` (.${ext})`);
  }
  return { kind, contentType: spec.contentType, name: ext ? name : `${name}.${spec.ext[0]}` };
}

/** A safe file name: no path, no control or reserved characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"<>:|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(-120);
  return cleaned || 'file';
}
