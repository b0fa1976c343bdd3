/**
 * The command line's form of a finding: 1-based lines and columns, the file
 * and incident it belongs to, and the codes its fix would insert. This is
 * the shape of `--format json` (docs/cli.md); keep it stable.
 */
import type { FileReport, Finding, Range, Severity } from '../core';

export interface CliRelated {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface CliFinding {
  file: string;
  /** The id of the incident the finding is in; null before the first incident. */
  incident: string | null;
  rule: string;
  severity: Severity;
  message: string;
  /** 1-based; columns count UTF-16 code units, as editors do. */
  line: number;
  column: number;
  /** 1-based, exclusive: the position just after the range (as in SARIF). */
  endLine: number;
  endColumn: number;
  /** Home Office codes the fix would insert, best first; empty where none. */
  codes: string[];
  related: CliRelated[];
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

function place(r: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function toCli(f: Finding, file: string, incident: string | null): CliFinding {
  return {
    file,
    incident,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...place(f.range),
    codes: f.codes ? [...f.codes] : [],
    related: (f.related ?? []).map((r) => ({ ...place(r.range), message: r.message })),
  };
}

/**
 * A report's findings in command-line form. Findings are in document order
 * and so are incidents, so one sweep finds each finding's incident.
 */
export function cliFindings(report: FileReport, file: string): CliFinding[] {
  const out: CliFinding[] = [];
  const incidents = report.incidents;
  let k = -1;
  for (const f of report.findings) {
    const line = f.range.start.line;
    while (k + 1 < incidents.length && incidents[k + 1].incident.startLine <= line) k++;
    out.push(toCli(f, file, k >= 0 ? incidents[k].incident.id || null : null));
  }
  return out;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}
