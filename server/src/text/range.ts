/**
 * Positions and ranges, shaped like LSP's (0-based lines, UTF-16 code-unit
 * columns) so the server can pass them through unchanged, but defined here so
 * that the parser and the rules never import an LSP package.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(line: number, startChar: number, endChar: number, endLine = line): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The same range moved down by `lines` lines. */
export function shiftRange(r: Range, lines: number): Range {
  if (lines === 0) return r;
  return {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}
