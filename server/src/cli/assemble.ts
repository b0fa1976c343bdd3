/**
 * Checking a long text in pieces and putting the results back together.
 *
 * The checker keeps every incident of the text it last checked (that is what
 * makes re-checking after an edit fast), so checking a whole day's export at
 * once would hold thousands of parsed incidents in memory. The command line
 * has no use for that cache, so it checks a long text a slice of incidents
 * at a time and joins the findings: incidents are independent, and the few
 * things that belong to the whole file are handled here, exactly as the core
 * does them: the preamble's `counting-rules-disable` lines apply to every
 * slice, repeated incident ids are found across slices (each repeat against
 * the first, with the core's message), and the edition note appears once.
 */
import { defaultSeverity, EDITION_RULE, parseLogFile, type Severity } from '../core';
import type { CliFinding } from './findings';

export const DUPLICATE_RULE = 'duplicate-incident';

/** An incident id and where it is (1-based line and columns). */
export type IdPlace = [id: string, line: number, column: number, endColumn: number];

const INCIDENT_AFTER_BREAK = /(?:\r\n|\r|\n)(?=incident(?:[ \t\r\n]|$))/gi;

/** Where to cut a text into slices of about `size` characters, each cut just before an `Incident` line. */
export function sliceText(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    INCIDENT_AFTER_BREAK.lastIndex = start + size;
    const m = INCIDENT_AFTER_BREAK.exec(text);
    if (!m) break;
    const cut = m.index + m[0].length;
    out.push(text.slice(start, cut));
    start = cut;
  }
  out.push(text.slice(start));
  return out;
}

/** The preamble (before the first `Incident` line) of a text. */
export function preambleOf(text: string): string {
  if (/^incident(?:[ \t\r\n]|$)/i.test(text)) return '';
  INCIDENT_AFTER_BREAK.lastIndex = 0;
  const m = INCIDENT_AFTER_BREAK.exec(text);
  return m ? text.slice(0, m.index + m[0].length) : text;
}

/** The preamble's file-wide directive lines, to put in front of later slices (its other lines are reported once, with the first). */
export function directiveLines(preamble: string): string {
  return preamble
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^\ufeff/, ''))
    .filter((l) => /^\s*#\s*counting-rules-disable\b/i.test(l) && !/^\s*#\s*counting-rules-disable-next-line\b/i.test(l))
    .map((l) => l + '\n')
    .join('');
}

export function countLineBreaks(s: string): number {
  let n = 0;
  let i = -1;
  while ((i = s.indexOf('\n', i + 1)) >= 0) n++;
  // Old Mac files end lines with a lone CR; count those too.
  if (s.indexOf('\r') >= 0) for (let j = 0; j < s.length; j++) if (s.charCodeAt(j) === 13 && s.charCodeAt(j + 1) !== 10) n++;
  return n;
}

export function byPosition(a: CliFinding, b: CliFinding): number {
  return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

/** Moves findings down by `lines`. */
export function shiftFindings(findings: CliFinding[], lines: number): void {
  if (!lines) return;
  for (const f of findings) {
    f.line += lines;
    f.endLine += lines;
    for (const r of f.related) {
      r.line += lines;
      r.endLine += lines;
    }
  }
}

/**
 * Drops what a slice reports that belongs to the whole file: repeated ids
 * (found across slices by DuplicateIds) and the edition note once the file
 * has one (`seen` remembers it).
 */
export function dropFileLevel(findings: CliFinding[], seen: { edition: boolean }): CliFinding[] {
  return findings.filter((f) => {
    if (f.rule === DUPLICATE_RULE) return false;
    if (f.rule !== EDITION_RULE) return true;
    if (seen.edition) return false;
    seen.edition = true;
    return true;
  });
}

/** Finds incident ids used more than once in a file, across however many pieces it was checked in. */
export class DuplicateIds {
  private first = new Map<string, { line: number; column: number; endColumn: number }>();
  private severity: Severity | 'off';

  constructor(
    private readonly file: string,
    rules: Readonly<Record<string, Severity | 'off'>>,
    preambleDirectives: string,
  ) {
    this.severity = rules[DUPLICATE_RULE] ?? defaultSeverity(DUPLICATE_RULE);
    if (preambleDirectives && parseLogFile(preambleDirectives).preamble.directives.some((d) => d.kind === 'disable' && d.rules.some((r) => r.id === DUPLICATE_RULE))) {
      this.severity = 'off';
    }
  }

  /** Findings for the ids of the next piece (lines already in the file's numbering), in the core's words. */
  next(ids: readonly IdPlace[]): CliFinding[] {
    const out: CliFinding[] = [];
    for (const [id, line, column, endColumn] of ids) {
      if (!id) continue;
      const first = this.first.get(id);
      if (!first) {
        this.first.set(id, { line, column, endColumn });
        continue;
      }
      if (this.severity === 'off') continue;
      out.push({
        file: this.file,
        incident: id,
        rule: DUPLICATE_RULE,
        severity: this.severity,
        message: `Incident ${id} is already in this file (line ${first.line}). Give each incident its own id, or merge them.`,
        line,
        column,
        endLine: line,
        endColumn,
        codes: [],
        related: [{ line: first.line, column: first.column, endLine: first.line, endColumn: first.endColumn, message: `First incident ${id}` }],
      });
    }
    return out;
  }
}
