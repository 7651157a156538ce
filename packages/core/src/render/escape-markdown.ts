/**
 * Escapes text so GitHub-flavoured Markdown shows it literally: emphasis, code, links and images, raw HTML tags,
 * entities, table pipes, strikethrough, maths, and block markers at the start (headings, lists, quotes).
 * Line breaks become spaces, since a new line could start a block.
 * @example escapeMarkdown('[x](javascript:alert(1))') // '\\[x\\](javascript:alert(1))': no longer a link
 */
export function escapeMarkdown(text: string): string {
  const oneLine = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const escaped = oneLine.replace(/[\\`*_{}[\]<>|~&$#]/g, (c) => `\\${c}`);
  // Block markers only mean something at the start of a line: "- ", "+ ", "= ", "1. ", "1) ".
  return escaped.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
