/**
 * Suppression directives and per-rule settings applied to findings.
 *
 * - `counting-rules-disable <ids> -- reason` turns the rules off from its
 *   line to the end of the incident (in the preamble: the whole file).
 * - `counting-rules-disable-next-line <ids> -- reason` turns them off for the
 *   next line that is not blank or a comment, and, when that line is a log
 *   entry, for its continuation lines too.
 */
import type { RuleSetting } from '../config/types';
import type { Finding } from '../findings';
import type { Directive, Incident } from '../parser/types';

interface LineSpan {
  from: number;
  to: number;
  rules: ReadonlySet<string>;
}

/** The relative line spans each directive of an incident covers. */
function incidentSpans(incident: Incident): LineSpan[] {
  const spans: LineSpan[] = [];
  let next: Int32Array | undefined;
  let entryAt: Map<number, { line: number; lineCount: number }> | undefined;
  for (const d of incident.directives) {
    if (!d.rules.length) continue;
    const rules = new Set(d.rules.map((r) => r.id));
    if (d.kind === 'disable') {
      spans.push({ from: d.line, to: incident.lineCount - 1, rules });
    } else {
      next ??= nextContentLines(incident);
      entryAt ??= new Map(incident.entries.map((e) => [e.line, e]));
      const target = d.line + 1 < next.length ? next[d.line + 1] : -1;
      if (target < 0) continue;
      const entry = entryAt.get(target);
      spans.push({ from: target, to: entry ? entry.line + entry.lineCount - 1 : target, rules });
    }
  }
  return spans;
}

/**
 * For each line, the first line from it on that holds something other than
 * a comment (-1 when there is none before the incident's trailing blank
 * lines). One pass from the end, however many directives there are.
 */
function nextContentLines(incident: Incident): Int32Array {
  const commentLines = new Set(incident.comments.map((c) => c.line));
  const contentLines = new Set<number>();
  for (const f of incident.fields) contentLines.add(f.line);
  for (const d of incident.decisions) contentLines.add(d.line);
  for (const e of incident.entries) contentLines.add(e.line);
  for (const f of incident.findings) if (!commentLines.has(f.range.start.line)) contentLines.add(f.range.start.line);
  const next = new Int32Array(incident.lineCount).fill(-1);
  let found = -1;
  for (let l = incident.lineCount - 1; l >= 0; l--) {
    if (contentLines.has(l)) found = l;
    // A blank or other line past the last content ends the search there.
    else if (!commentLines.has(l) && l > incident.lastContentLine) found = -1;
    next[l] = found;
  }
  return next;
}

/** Removes findings an incident's own directives turn off. Ranges are relative. */
export function applyIncidentDirectives(incident: Incident, findings: Finding[]): Finding[] {
  if (!incident.directives.length) return findings;
  const spans = incidentSpans(incident);
  if (!spans.length) return findings;
  return findings.filter((f) => {
    const line = f.range.start.line;
    return !spans.some((s) => s.rules.has(f.rule) && line >= s.from && line <= s.to);
  });
}

/** The rules the preamble turns off for the whole file. */
export function fileDisabledRules(directives: readonly Directive[]): Set<string> {
  const off = new Set<string>();
  for (const d of directives) if (d.kind === 'disable') for (const r of d.rules) off.add(r.id);
  return off;
}

/** Applies per-rule settings: 'off' drops a finding, a severity replaces the default. */
export function applyRuleSettings(findings: Finding[], settings: Readonly<Record<string, RuleSetting>>): Finding[] {
  const keys = Object.keys(settings);
  if (!keys.length) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const s = settings[f.rule];
    if (s === undefined) out.push(f);
    else if (s !== 'off') out.push(s === f.severity ? f : { ...f, severity: s });
  }
  return out;
}
