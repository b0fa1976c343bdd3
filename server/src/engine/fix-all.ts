/**
 * Fix-all: every finding's preferred fix (the rules mark a fix preferred
 * only where the facts make it certain), then a fresh check, until nothing
 * more applies. One fix can reveal another: a crime written "1O5A" hides a
 * rape disclosed before it until the code reads 105A, and only then does the
 * rape show as unrecorded. So fix-all re-checks rather than trusting one pass,
 * and applying it twice changes nothing the first time did not.
 *
 * The command line's `--fix` and the editor's `source.fixAll` both use this.
 */
import { comparePositions } from '../text/range';
import type { FileReport } from './checker';
import { applyEdits, materialiseFix, type TextEdit } from './fixes';

/** Enough for any chain the rules can make (each pass is a fresh check); a safety stop, not a budget. */
export const MAX_FIX_PASSES = 10;

/**
 * Two edits conflict when they share characters, or are the same edit
 * (two findings may offer one). Insertions at one point do not conflict:
 * they go in, in order, at that point.
 */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  const sameStart = comparePositions(a.range.start, b.range.start) === 0;
  if (sameStart && comparePositions(a.range.end, b.range.end) === 0 && a.newText === b.newText) return true;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

/**
 * The edits of the preferred fixes in a report, less any that conflict with
 * one already taken (it waits for the next pass, when its ranges are made
 * again on the new text). `done` holds the findings already fixed once: a
 * finding that survives its own fix is not fixed again and again.
 */
export function preferredEdits(report: FileReport, now: number, done: Set<string> = new Set()): { edits: TextEdit[]; fixes: number } {
  const taken: TextEdit[] = [];
  let fixes = 0;
  // Identical findings (two incidents with the same text) are told apart by their order in the file.
  const seen = new Map<string, number>();
  for (const f of report.findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix) continue;
    const base = `${f.rule}\u0000${f.message}`;
    const nth = seen.get(base) ?? 0;
    seen.set(base, nth + 1);
    const key = `${base}\u0000${nth}`;
    if (done.has(key)) continue;
    const edits = materialiseFix(fix, 0, report.eol, now);
    if (edits.some((e) => taken.some((t) => editsConflict(e, t)))) continue;
    taken.push(...edits);
    done.add(key);
    fixes++;
  }
  return { edits: taken, fixes };
}

export interface FixAllResult {
  /** The text with every preferred fix applied. */
  text: string;
  /** The check of that text. */
  report: FileReport;
  /** Fixes applied, over all passes. */
  fixes: number;
  /** Passes that applied something. */
  passes: number;
  /** The first pass's edits, on the original text (all there is when `passes` is 1). */
  firstEdits: TextEdit[];
}

/**
 * Applies preferred fixes pass after pass, re-checking in between, until a
 * pass has nothing to apply. `report` is the check of `text` when the caller
 * has it already; `check` checks a text (a Checker apart from the one whose
 * report is passed in, when that report must stay as it is).
 */
export function fixAll(check: (text: string) => FileReport, text: string, now: number = Date.now(), report: FileReport = check(text)): FixAllResult {
  let fixes = 0;
  let passes = 0;
  let firstEdits: TextEdit[] = [];
  const done = new Set<string>();
  for (; passes < MAX_FIX_PASSES; passes++) {
    const pass = preferredEdits(report, now, done);
    if (!pass.fixes) break;
    if (passes === 0) firstEdits = pass.edits;
    text = applyEdits(text, pass.edits);
    fixes += pass.fixes;
    report = check(text);
  }
  return { text, report, fixes, passes, firstEdits };
}
