/**
 * Splitting text into lines while remembering each line's ending, so that
 * edits can keep a file's own line endings (LF or CRLF, even mixed).
 */
export type Eol = '\n' | '\r\n';

export interface SourceLine {
  /** The line's text without its ending. */
  text: string;
  /** The ending that follows it: '' on a last line with no newline. */
  eol: '' | '\n' | '\r\n' | '\r';
}

export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let i = start;
    // Scan for the next line break; charCodeAt is the fastest portable scan.
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
      i++;
    }
    if (i >= n) {
      lines.push({ text: text.slice(start, n), eol: '' });
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) {
      lines.push({ text: text.slice(start, i), eol: '\r\n' });
      start = i + 2;
    } else {
      lines.push({ text: text.slice(start, i), eol: c === 10 ? '\n' : '\r' });
      start = i + 1;
    }
    if (start === n) {
      // Text ends with a newline: LSP counts one more, empty, line.
      lines.push({ text: '', eol: '' });
      break;
    }
  }
  return lines;
}

/** The file's line ending: the first one it uses, LF when it has none. */
export function detectEol(text: string): Eol {
  const i = text.indexOf('\n');
  if (i > 0 && text.charCodeAt(i - 1) === 13) return '\r\n';
  return '\n';
}

/** Rewrites '\n' in generated text into the file's own line ending. */
export function withEol(generated: string, eol: Eol): string {
  return eol === '\n' ? generated : generated.replace(/\n/g, eol);
}
