/**
 * `--fix`: applies each finding's preferred fix (the rules mark a fix
 * preferred only where the facts make it certain) and re-checks, until
 * nothing more applies. Edits keep the file's own line endings
 * (`materialiseFix`). Fixes whose edits overlap one already taken wait for
 * the next pass, when their ranges have been re-computed on the new text.
 */
import { applyEdits, comparePositions, materialiseFix, type Checker, type FileReport, type TextEdit } from '../core';

const MAX_PASSES = 10;

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point do not conflict; anything sharing characters does.
  const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
  const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return false;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

/** The non-overlapping edits of the preferred fixes in a report, and how many fixes they make. */
export function preferredEdits(report: FileReport, now: number, done: Set<string> = new Set()): { edits: TextEdit[]; fixes: number } {
  const taken: TextEdit[] = [];
  let fixes = 0;
  for (const f of report.findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix) continue;
    // A finding that survived its own fix would otherwise be "fixed" again on every pass.
    const key = `${f.rule}\u0000${f.message}`;
    if (done.has(key)) continue;
    const edits = materialiseFix(fix, 0, report.eol, now);
    if (edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...edits);
    done.add(key);
    fixes++;
  }
  return { edits: taken, fixes };
}

/** Fixes a text as far as preferred fixes go. Returns the new text, its final report and the number of fixes applied. */
export function fixText(checker: Checker, text: string, now: number = Date.now()): { text: string; report: FileReport; fixes: number } {
  let report = checker.check(text);
  let total = 0;
  const done = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { edits, fixes } = preferredEdits(report, now, done);
    if (!fixes) break;
    text = applyEdits(text, edits);
    total += fixes;
    report = checker.check(text);
  }
  return { text, report, fixes: total };
}
