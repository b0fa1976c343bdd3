/**
 * The outline and folding: each incident as a symbol with its fields and
 * decisions as children; folding for each incident, each log entry that
 * runs over several lines, and each block of comment lines.
 */
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import type { Decision, FileReport, Incident, Range } from '../core';
import { absolute } from './locate';

const FIELD_NAMES: Record<string, string> = {
  received: 'Received',
  opening: 'Opening',
  reporter: 'Reporter',
  victim: 'Victim',
  suspect: 'Suspect',
  location: 'Location',
  closing: 'Closing',
};

/** Where the incident's last line with content ends: the furthest end of anything parsed on it. */
function lastLineEnd(incident: Incident): number {
  const last = incident.lastContentLine;
  if (last === 0) return incident.headerRange.end.character;
  let end = 0;
  const ranges: Range[] = [
    ...incident.fields.map((f) => f.range),
    ...incident.decisions.map((d) => d.range),
    ...incident.entries.map((e) => e.range),
    ...incident.comments.map((c) => c.range),
    ...incident.findings.map((f) => f.range),
  ];
  for (const r of ranges) if (r.end.line === last && r.end.character > end) end = r.end.character;
  return end;
}

function decisionName(d: Decision): string {
  switch (d.kind) {
    case 'crime':
      return `Crime ${d.code}${d.title ? ` ${d.title}` : ''}`;
    case 'n100':
      return 'N100';
    case 'cancelled':
      return `Cancelled ${[d.crimeRef, d.cClass].filter(Boolean).join(' ')}`.trim();
    case 'no-crime':
      return 'No crime';
  }
}

function decisionDetail(d: Decision): string {
  const parts: string[] = [];
  if (d.kind === 'crime' || d.kind === 'n100') {
    if (d.victim) parts.push(d.victim);
    if (d.recorded) parts.push(`recorded ${d.recorded.text}`);
    if (d.ref) parts.push(d.ref);
  } else if (d.kind === 'cancelled') {
    if (d.by) parts.push(`by ${d.by.value}`);
    if (d.at) parts.push(d.at.text);
  }
  return parts.join(' · ');
}

export function documentSymbols(report: FileReport): DocumentSymbol[] {
  return report.incidents.map(({ incident }) => {
    const off = incident.startLine;
    const children: DocumentSymbol[] = [];
    for (const f of incident.fields) {
      children.push({
        name: FIELD_NAMES[f.name] ?? f.keyword,
        detail: f.value,
        kind: SymbolKind.Field,
        range: absolute(f.range, off),
        selectionRange: absolute(f.keywordRange, off),
      });
    }
    for (const d of incident.decisions) {
      children.push({
        name: decisionName(d),
        detail: decisionDetail(d),
        kind: d.kind === 'crime' ? SymbolKind.Event : SymbolKind.Object,
        range: absolute(d.range, off),
        selectionRange: absolute(d.keywordRange, off),
      });
    }
    children.sort((a, b) => a.range.start.line - b.range.start.line);
    const last = incident.lastContentLine;
    const range: Range = { start: { line: off, character: 0 }, end: { line: off + last, character: lastLineEnd(incident) } };
    const detail = [incident.received?.text, incident.opening?.value].filter(Boolean).join(' · ');
    return {
      name: `Incident ${incident.id || '(no id)'}`,
      detail,
      kind: SymbolKind.Module,
      range,
      selectionRange: absolute(incident.id ? incident.idRange : incident.headerRange, off),
      children,
    };
  });
}

/** For clients without hierarchical symbols: a flat list with container names. */
export function symbolInformation(report: FileReport, uri: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of documentSymbols(report)) {
    out.push({ name: s.name, kind: s.kind, location: { uri, range: s.range } });
    for (const c of s.children ?? []) out.push({ name: c.name, kind: c.kind, location: { uri, range: c.range }, containerName: s.name });
  }
  return out;
}

export function foldingRanges(report: FileReport): FoldingRange[] {
  const out: FoldingRange[] = [];
  const commentLines: number[] = report.preamble.comments.map((c) => c.line);
  for (const { incident } of report.incidents) {
    const off = incident.startLine;
    if (incident.lastContentLine > 0) out.push({ startLine: off, endLine: off + incident.lastContentLine });
    for (const e of incident.entries) if (e.lineCount > 1) out.push({ startLine: off + e.line, endLine: off + e.line + e.lineCount - 1 });
    for (const c of incident.comments) commentLines.push(off + c.line);
  }
  // Runs of consecutive comment lines (the annotations under an Incident line, file headers).
  for (let i = 0; i < commentLines.length; ) {
    let j = i;
    while (j + 1 < commentLines.length && commentLines[j + 1] === commentLines[j] + 1) j++;
    if (j > i) out.push({ startLine: commentLines[i], endLine: commentLines[j], kind: FoldingRangeKind.Comment });
    i = j + 1;
  }
  return out;
}
