/**
 * Turning a finding's fix into concrete text edits for a file: absolute
 * ranges, the file's own line endings, and the current time where the fix
 * writes `recorded`.
 */
import { NOW_MARKER_RE, type Fix } from '../findings';
import { formatDateTime, instantToLocal } from '../parser/dates';
import { withEol, type Eol } from '../text/lines';
import { shiftRange, type Range } from '../text/range';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** The current UK date and time in a date style, as a fix writes it. */
export function formatNow(style: 'uk' | 'iso', now: number = Date.now()): string {
  const { date, time } = instantToLocal(now);
  return formatDateTime(date, time, style);
}

/**
 * The edits a fix makes. `lineOffset` moves incident-relative ranges to
 * their place in the file (0 for fixes whose ranges are already absolute).
 */
export function materialiseFix(fix: Fix, lineOffset: number, eol: Eol, now: number = Date.now()): TextEdit[] {
  return fix.edits.map((e) => ({
    range: shiftRange(e.range, lineOffset),
    newText: withEol(e.text.replace(NOW_MARKER_RE, (_m, style: 'uk' | 'iso') => formatNow(style, now)), eol),
  }));
}

/**
 * Applies non-overlapping edits to text, as an LSP client applies a
 * WorkspaceEdit: insertions at one point go in in the order given. Used by
 * fix-all, the CLI's `--fix`, tests, and anything that must apply a fix
 * without an editor.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offsetOf = (line: number, character: number) => {
    if (line >= starts.length) return text.length;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
    return Math.min(starts[line] + character, lineEnd);
  };
  // From the end backwards; at one point the later edit first, so the earlier one ends up before it.
  const resolved = edits
    .map((e, i) => ({ start: offsetOf(e.range.start.line, e.range.start.character), end: offsetOf(e.range.end.line, e.range.end.character), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}
