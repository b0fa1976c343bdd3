/**
 * Parsing a whole `.ilog` file: the preamble (comments and file-wide
 * directives before the first incident), then each incident on its own.
 */
import type { Finding } from '../findings';
import { detectEol, splitLines } from '../text/lines';
import { range } from '../text/range';
import { readComment } from './directives';
import { parseIncidentText } from './incident';
import { structureFinding } from './report';
import type { Incident, LogFile, Preamble } from './types';

export interface Chunk {
  /** Offset of the chunk in the file's text. */
  offset: number;
  text: string;
}

const INCIDENT_START = /^incident(?=[ \t\r\n]|$)/gim;

/**
 * Splits text at every `Incident` line (column 0, any case). The first piece
 * is the preamble (possibly empty); each further piece starts with its
 * `Incident` line and ends just before the next.
 */
export function splitIntoChunks(text: string): { preamble: string; chunks: Chunk[] } {
  const starts: number[] = [];
  INCIDENT_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INCIDENT_START.exec(text))) {
    const i = m.index;
    // JavaScript's multiline ^ also matches after U+2028/U+2029; lines here end only at \n, \r\n and \r.
    if (i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13) starts.push(i);
  }
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? starts[k + 1] : text.length;
    chunks.push({ offset: starts[k], text: text.slice(starts[k], end) });
  }
  return { preamble: text.slice(0, starts.length ? starts[0] : text.length), chunks };
}

/** Counts line breaks (\n, \r\n, \r) in a string. */
export function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Parses what comes before the first incident: only comments, directives and blank lines belong there. */
export function parsePreamble(text: string, hasIncidents: boolean): { preamble: Preamble; findings: Finding[] } {
  const lines = splitLines(text);
  if (hasIncidents && lines.length > 1 && lines[lines.length - 1].text === '') lines.pop();
  const findings: Finding[] = [];
  const preamble: Preamble = { lineCount: hasIncidents ? lines.length : lines.length, directives: [], comments: [] };
  lines.forEach((l, i) => {
    const t = l.text.trim();
    if (!t || t === '\ufeff') return;
    if (t.startsWith('#') || (t.charCodeAt(0) === 0xfeff && t.slice(1).trimStart().startsWith('#'))) {
      const { comment, directive } = readComment(l.text, i, findings);
      preamble.comments.push(comment);
      if (directive) preamble.directives.push(directive);
      return;
    }
    findings.push(
      structureFinding(
        'syntax',
        hasIncidents
          ? `Only comments and blank lines may come before the first 'Incident' line.`
          : `Only comments and blank lines may come before an 'Incident' line; start the incident with 'Incident <id>'.`,
        range(i, 0, l.text.length),
      ),
    );
  });
  return { preamble, findings };
}

/** Reports incident ids used more than once (absolute ranges). */
export function duplicateIncidentFindings(incidents: readonly Incident[]): Finding[] {
  const firstById = new Map<string, Incident>();
  const findings: Finding[] = [];
  for (const inc of incidents) {
    if (!inc.id) continue;
    const first = firstById.get(inc.id);
    if (!first) {
      firstById.set(inc.id, inc);
      continue;
    }
    const r = inc.idRange;
    const fr = first.idRange;
    findings.push({
      ...structureFinding(
        'duplicate-incident',
        `Incident ${inc.id} is already in this file (line ${first.startLine + 1}). Give each incident its own id, or merge them.`,
        range(inc.startLine + r.start.line, r.start.character, r.end.character),
      ),
      related: [{ range: range(first.startLine + fr.start.line, fr.start.character, fr.end.character), message: `First incident ${inc.id}` }],
    });
  }
  return findings;
}

/** Parses a whole file. Never throws. */
export function parseLogFile(text: string): LogFile {
  const { preamble: preText, chunks } = splitIntoChunks(text);
  const { preamble, findings } = parsePreamble(preText, chunks.length > 0);
  const incidents: Incident[] = [];
  let line = chunks.length ? countLineBreaks(preText) : 0;
  chunks.forEach((c, k) => {
    const inc = parseIncidentText(c.text, line, k === chunks.length - 1);
    incidents.push(inc);
    line += inc.lineCount;
  });
  findings.push(...duplicateIncidentFindings(incidents));
  return {
    eol: detectEol(text),
    lineCount: chunks.length ? line : splitLines(text).length,
    preamble,
    incidents,
    findings,
  };
}
