/**
 * Wraps text at `width` columns on spaces. The first line starts with `first`, later lines with `rest`.
 * Words longer than a line are kept whole.
 */
export function wrapText(text: string, width: number, first = '', rest = first): string {
  const words = text.split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const w of words) {
    if (!empty && line.length + 1 + w.length > width) {
      lines.push(line);
      line = rest + w;
    } else {
      line = empty ? line + w : `${line} ${w}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd()).join('\n');
}
