// C0 controls except tab/newline/carriage return, DEL, C1 controls, and Unicode bidirectional overrides/isolates,
// which can make text display differently from what it says.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Removes control characters (keeps tabs and line breaks). */
export function stripControls(text: string): string {
  return text.replace(CONTROL, '');
}

/** Text for an inline position: control characters removed, every run of white space (line breaks too) one space. */
export function cleanText(text: string): string {
  return stripControls(text).replace(/[\s\u2028\u2029]+/g, ' ').trim();
}

/** Text for one run inside a line: control characters removed, white space collapsed but kept at the ends. */
export function cleanSpan(text: string): string {
  return stripControls(text).replace(/[\s\u2028\u2029]+/g, ' ');
}
