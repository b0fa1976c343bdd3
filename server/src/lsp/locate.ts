/**
 * Finding things in a checked document by position: the incident holding a
 * line, and where a suppression directive for a finding must go.
 */
import { shiftRange, type FileReport, type Finding, type IncidentReport, type Range } from '../core';

/** An incident-relative range (parser and analysis ranges) at its place in the file. */
export function absolute(r: Range, incidentStart: number): Range {
  return shiftRange(r, incidentStart);
}

/** The incident whose lines include `line` (absolute), by binary search. */
export function incidentAt(report: FileReport, line: number): IncidentReport | undefined {
  const list = report.incidents;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const inc = list[mid].incident;
    if (line < inc.startLine) hi = mid - 1;
    else if (line >= inc.startLine + inc.lineCount) lo = mid + 1;
    else return list[mid];
  }
  return undefined;
}

/**
 * Where a directive that turns a finding off goes (absolute lines):
 *
 * - `line`: a `disable-next-line` directive is inserted before this line. For
 *   a finding in a log entry's continuation this is the entry's first line,
 *   because the directive covers the next content line and its continuations.
 * - `incidentLine`: a `disable` directive inserted here covers the rest of
 *   the incident (just after the `Incident` line).
 *
 * Both are absent where an incident directive cannot reach the finding: file-
 * level findings (duplicate incidents, the edition notice, the preamble),
 * findings on the `Incident` line itself and on comment lines. Those can
 * only be turned off for the whole file, from the preamble.
 */
export interface SuppressionTarget {
  line?: number;
  incidentLine?: number;
}

/** Findings a directive must not be offered for: a directive cannot excuse itself. */
const NOT_SUPPRESSIBLE: ReadonlySet<string> = new Set(['unexplained-disable']);

export function suppressionTarget(report: FileReport, finding: Finding): SuppressionTarget | undefined {
  if (NOT_SUPPRESSIBLE.has(finding.rule)) return undefined;
  const line = finding.range.start.line;
  const inc = incidentAt(report, line);
  if (!inc) return {};
  const start = inc.incident.startLine;
  const rel = line - start;
  if (rel === 0) return {};
  // Only the incident's own findings obey its directives; file-level ones are added after.
  const own = inc.findings.some(
    (f) => f.rule === finding.rule && f.range.start.line === rel && f.range.start.character === finding.range.start.character,
  );
  if (!own) return {};
  if (inc.incident.comments.some((c) => c.line === rel)) return {};
  const entry = inc.incident.entries.find((e) => rel >= e.line && rel < e.line + e.lineCount);
  return { line: start + (entry ? entry.line : rel), incidentLine: start + 1 };
}
