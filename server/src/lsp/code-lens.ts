/**
 * A code lens over each incident summarising what the log discloses and
 * what was recorded, e.g. "3 offences disclosed · 2 recorded · first
 * recorded 26 h after report". Offences are counted once per offence
 * family, victim and occasion, however often the log mentions them, so the
 * count matches what the counting rules would have recorded separately.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { coverageOf, formatDuration, type FileReport, type IncidentReport, type Lexicon } from '../core';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function incidentSummary(r: IncidentReport, lexicon: Lexicon): string {
  const { incident, analysis } = r;
  const offences = new Set(analysis.disclosures.map((d) => `${d.family}|${d.victim ?? '?'}|${d.occasion}`)).size;
  const coverage = coverageOf(incident, analysis, lexicon);
  const crimes = coverage.crimes.length;
  const n100s = coverage.n100s.length;
  const cancelled = incident.decisions.filter((d) => d.kind === 'cancelled').length;
  const parts: string[] = [];
  parts.push(offences ? `${plural(offences, 'offence', 'offences')} disclosed` : 'no offence disclosed');
  parts.push(crimes ? `${crimes} recorded` : offences && !n100s ? 'none recorded' : 'no crime recorded');
  if (n100s) parts.push(plural(n100s, 'N100', 'N100s'));
  if (cancelled) parts.push(`${cancelled} cancelled`);
  if (incident.decisions.some((d) => d.kind === 'no-crime')) parts.push('No crime given');
  const received = incident.received?.epoch;
  const times = [...coverage.crimes.map((c) => c.decision.recorded?.epoch), ...coverage.n100s.map((n) => n.recorded?.epoch)].filter(
    (t): t is number => t !== undefined,
  );
  if (received !== undefined && times.length) {
    const delay = Math.min(...times) - received;
    if (delay < 0) parts.push('first recorded before the Received time');
    else if (delay < 60_000) parts.push('first recorded at the time of the report');
    else parts.push(`first recorded ${formatDuration(delay)} after report`);
  }
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function codeLenses(report: FileReport, lexicon: Lexicon): CodeLens[] {
  return report.incidents.map((r) => {
    const off = r.incident.startLine;
    const h = r.incident.headerRange;
    return {
      range: { start: { line: off, character: h.start.character }, end: { line: off, character: h.end.character } },
      // An empty command id: the lens is read, not clicked.
      command: { title: incidentSummary(r, lexicon), command: '' },
    };
  });
}
