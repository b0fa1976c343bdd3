/**
 * What the parser and the rules report. LSP-free: the server turns findings
 * into diagnostics and code actions, the CLI into lines of text, JSON or SARIF.
 */
import type { Range } from './text/range';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  range: Range;
  message: string;
}

/**
 * One text change of a fix. `text` uses '\n' for line breaks (the server and
 * the CLI turn it into the file's own line ending) and may contain the marker
 * `{now:uk}` or `{now:iso}`, replaced when the fix is applied by the current
 * UK date and time in that date style (see `nowMarker`).
 */
export interface FixEdit {
  range: Range;
  text: string;
}

export interface Fix {
  title: string;
  /** Only where the choice is certain from the facts. */
  preferred: boolean;
  edits: FixEdit[];
  /** Home Office codes this fix inserts, if any. */
  codes?: string[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** The words that triggered it. Relative to the incident's first line when produced by incident analysis. */
  range: Range;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Home Office codes the fixes would insert, best first. */
  codes?: string[];
  /** Marks a finding as unnecessary/deprecated text for editors that fade it. */
  tags?: ('unnecessary' | 'deprecated')[];
}

/** The marker a fix writes where the current date and time go, in the incident's date style. */
export function nowMarker(style: 'uk' | 'iso'): string {
  return `{now:${style}}`;
}

export const NOW_MARKER_RE = /\{now:(uk|iso)\}/g;
