/**
 * The edits that turn one text into another: a line diff (Myers' O(ND)
 * algorithm) whose hunks are then trimmed to the characters that differ.
 * Fix-all uses it to hand an editor a multi-pass result as a few small edits
 * on the text the editor has, rather than one edit over the whole file:
 * only the lines that change are touched, and every line ending stays.
 */
import type { Position, Range } from './range';

export interface LineEdit {
  range: Range;
  newText: string;
}

/** Lines with their own endings ("a\r\n", "b\n", "c"); no empty piece after a final line break. */
function linesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** [aStart, aEnd, bStart, bEnd): lines a[aStart..aEnd) become b[bStart..bEnd). */
type Hunk = [number, number, number, number];

/**
 * Pairs of equal lines (a index, b index) in a longest common subsequence of
 * a[aLo..aHi) and b[bLo..bHi), in order.
 */
function commonLines(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number): Array<[number, number]> {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const max = n + m;
  if (max === 0) return [];
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // The state before each round d, for k in [-d, d]: what the way back needs.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d];
    const at = (k: number) => before[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([aLo + x, bLo + y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push([aLo + x, bLo + y]);
  }
  return pairs.reverse();
}

/** Hunks of a[aLo..aHi) against b[bLo..bHi). */
function hunksOf(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: Hunk[]): void {
  let i = aLo;
  let j = bLo;
  for (const [pa, pb] of commonLines(a, aLo, aHi, b, bLo, bHi)) {
    if (pa > i || pb > j) out.push([i, pa, j, pb]);
    i = pa + 1;
    j = pb + 1;
  }
  if (aHi > i || bHi > j) out.push([i, aHi, j, bHi]);
}

/** Indexes of the lines in [lo, hi) that `anchor` picks. */
function anchorsIn(lines: readonly string[], lo: number, hi: number, anchor: (line: string) => boolean): number[] {
  const out: number[] = [];
  for (let i = lo; i < hi; i++) if (anchor(lines[i])) out.push(i);
  return out;
}

/**
 * The edits that turn `before` into `after`, in document order, none
 * overlapping. `anchor` names lines that both texts have in the same order
 * (incident headers): when they match one for one, the texts are compared
 * between them, piece by piece, which keeps a large file with scattered
 * changes fast. It only speeds the diff; the edits are right without it.
 */
export function diffEdits(before: string, after: string, anchor?: (line: string) => boolean): LineEdit[] {
  if (before === after) return [];
  const a = linesOf(before);
  const b = linesOf(after);
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let aHi = a.length;
  let bHi = b.length;
  while (aHi > lo && bHi > lo && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }
  const hunks: Hunk[] = [];
  const aAnchors = anchor ? anchorsIn(a, lo, aHi, anchor) : [];
  const bAnchors = anchor ? anchorsIn(b, lo, bHi, anchor) : [];
  if (aAnchors.length && aAnchors.length === bAnchors.length && aAnchors.every((i, n) => a[i] === b[bAnchors[n]])) {
    let i = lo;
    let j = lo;
    aAnchors.forEach((ai, n) => {
      hunksOf(a, i, ai, b, j, bAnchors[n], hunks);
      i = ai + 1;
      j = bAnchors[n] + 1;
    });
    hunksOf(a, i, aHi, b, j, bHi, hunks);
  } else {
    hunksOf(a, lo, aHi, b, lo, bHi, hunks);
  }
  const edits: LineEdit[] = [];
  for (const h of hunks) for (const e of hunkEdits(a, b, h)) edits.push(e);
  return edits;
}

/** Characters two lines share at their start and at their end. */
function shared(x: string, y: string): number {
  const most = Math.min(x.length, y.length);
  let p = 0;
  while (p < most && x.charCodeAt(p) === y.charCodeAt(p)) p++;
  let s = 0;
  while (s < most - p && x.charCodeAt(x.length - 1 - s) === y.charCodeAt(y.length - 1 - s)) s++;
  return p + s;
}

/**
 * A hunk as small edits: where it changes m lines into n, the lines are
 * paired where they are most alike (a code corrected on one line, a line
 * added after it) and each pair edited apart; the lines left over are
 * inserted or deleted whole. Edits that touch are joined into one.
 */
function hunkEdits(a: readonly string[], b: readonly string[], [aStart, aEnd, bStart, bEnd]: Hunk): LineEdit[] {
  const m = aEnd - aStart;
  const n = bEnd - bStart;
  const pairs = Math.min(m, n);
  if (pairs === 0 || m * n > 400) return [trimmedEdit(a, b, [aStart, aEnd, bStart, bEnd])];
  // Where the shorter side lines up best with the longer.
  let best = 0;
  let bestScore = -1;
  for (let off = 0; off <= Math.abs(m - n); off++) {
    let score = 0;
    for (let i = 0; i < pairs; i++) score += m <= n ? shared(a[aStart + i], b[bStart + off + i]) : shared(a[aStart + off + i], b[bStart + i]);
    if (score > bestScore) {
      bestScore = score;
      best = off;
    }
  }
  const aOff = m > n ? best : 0;
  const bOff = m <= n ? best : 0;
  const parts: Hunk[] = [[aStart, aStart + aOff, bStart, bStart + bOff]];
  for (let i = 0; i < pairs; i++) parts.push([aStart + aOff + i, aStart + aOff + i + 1, bStart + bOff + i, bStart + bOff + i + 1]);
  parts.push([aStart + aOff + pairs, aEnd, bStart + bOff + pairs, bEnd]);
  const out: LineEdit[] = [];
  for (const part of parts) {
    if (part[0] === part[1] && part[2] === part[3]) continue;
    const e = trimmedEdit(a, b, part);
    if (e.newText === '' && samePosition(e.range.start, e.range.end)) continue;
    const last = out[out.length - 1];
    if (last && samePosition(last.range.end, e.range.start)) {
      last.range = { start: last.range.start, end: e.range.end };
      last.newText += e.newText;
    } else out.push(e);
  }
  return out;
}

function samePosition(x: Position, y: Position): boolean {
  return x.line === y.line && x.character === y.character;
}

/** A hunk as one edit, less the characters its two sides share at either end. */
function trimmedEdit(a: readonly string[], b: readonly string[], [aStart, aEnd, bStart, bEnd]: Hunk): LineEdit {
  const oldText = a.slice(aStart, aEnd).join('');
  const newText = b.slice(bStart, bEnd).join('');
  let p = 0;
  const most = Math.min(oldText.length, newText.length);
  while (p < most && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s < most - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
  // Never between the two characters of a CRLF.
  if (p > 0 && oldText.charCodeAt(p - 1) === 13 && oldText.charCodeAt(p) === 10) p--;
  if (s > 0 && oldText.charCodeAt(oldText.length - s - 1) === 13 && oldText.charCodeAt(oldText.length - s) === 10) s--;
  return {
    range: { start: positionIn(a, aStart, p), end: positionIn(a, aStart, oldText.length - s) },
    newText: newText.slice(p, newText.length - s),
  };
}

/** The position `offset` characters after the start of line `line` of `lines`. */
function positionIn(lines: readonly string[], line: number, offset: number): Position {
  // After a last line with no line break is the end of that line.
  const last = lines[lines.length - 1];
  if (line >= lines.length && last !== undefined && !/[\r\n]$/.test(last)) return { line: lines.length - 1, character: last.length };
  while (line < lines.length && offset >= lines[line].length) {
    const l = lines[line];
    // The end of a line with no line break is on that line, not the next.
    if (offset === l.length && !/[\r\n]$/.test(l)) break;
    offset -= l.length;
    line++;
  }
  return { line, character: offset };
}
