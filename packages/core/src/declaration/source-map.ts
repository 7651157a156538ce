import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { DeclarationPath, SourceLocation } from './finding.js';

interface Span {
  file: string;
  start: number;
  end: number;
}

interface FileText {
  text: string;
  lines: LineCounter;
}

const key = (path: DeclarationPath): string => path.join('\u0000');

/**
 * Where each value of a (possibly merged) declaration came from, so findings about a model path
 * can name file:line:column. Paths not recorded resolve to their nearest recorded ancestor.
 */
export class SourceMap {
  private readonly spans = new Map<string, Span>();
  private readonly files = new Map<string, FileText>();

  /** Records every node of a parsed YAML document under `prefix`. */
  addDocument(file: string, text: string, lines: LineCounter, doc: Document, prefix: DeclarationPath = []): void {
    this.files.set(file, { text, lines });
    if (doc.contents) this.walk(file, doc.contents as Node, prefix);
  }

  /** Registers a file's text without a document (for errors before parsing succeeds). */
  addFile(file: string, text: string): void {
    const lines = new LineCounter();
    let offset = 0;
    lines.addNewLine(0);
    for (const line of text.split('\n')) {
      offset += line.length + 1;
      lines.addNewLine(offset);
    }
    this.files.set(file, { text, lines });
  }

  /** Records that model path `to` has the same source as `from` (used when merging included files). */
  alias(from: DeclarationPath, to: DeclarationPath): void {
    const fromKey = key(from);
    const toKey = key(to);
    const moves: [string, Span][] = [];
    for (const [k, span] of this.spans) {
      if (k === fromKey || k.startsWith(fromKey + '\u0000')) moves.push([toKey + k.slice(fromKey.length), span]);
    }
    for (const [k, span] of moves) this.spans.set(k, span);
  }

  private walk(file: string, node: Node, path: DeclarationPath): void {
    if (node.range) this.spans.set(key(path), { file, start: node.range[0], end: node.range[1] });
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const name = String(item.key.value);
        const childPath = [...path, name];
        const keyRange = item.key.range;
        if (keyRange) this.spans.set(key([...childPath, '\u0001key']), { file, start: keyRange[0], end: keyRange[1] });
        if (item.value && (item.value as Node).range) this.walk(file, item.value as Node, childPath);
        else if (keyRange) this.spans.set(key(childPath), { file, start: keyRange[0], end: keyRange[1] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (item && (item as Node).range) this.walk(file, item as Node, [...path, index]);
      });
    }
  }

  /** The source location of a model path, or of its nearest recorded ancestor. */
  locate(path: DeclarationPath, opts: { key?: boolean } = {}): SourceLocation | undefined {
    const candidates: DeclarationPath[] = [];
    if (opts.key) candidates.push([...path, '\u0001key']);
    for (let n = path.length; n >= 0; n--) candidates.push(path.slice(0, n));
    for (const candidate of candidates) {
      const span = this.spans.get(key(candidate));
      if (span) return this.toLocation(span);
    }
    return undefined;
  }

  /** The location of a character offset in a file. */
  locateOffset(file: string, start: number, end = start): SourceLocation | undefined {
    return this.toLocation({ file, start, end });
  }

  private toLocation(span: Span): SourceLocation | undefined {
    const f = this.files.get(span.file);
    if (!f) return undefined;
    const a = f.lines.linePos(span.start);
    const b = f.lines.linePos(Math.max(span.start, span.end));
    const lineStart = f.lines.lineStarts[a.line - 1] ?? 0;
    const nl = f.text.indexOf('\n', lineStart);
    const lineText = f.text.slice(lineStart, nl === -1 ? undefined : nl).replace(/\r$/, '');
    return { file: span.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, lineText };
  }
}
