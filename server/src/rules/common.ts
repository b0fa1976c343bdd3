/**
 * What several rules share: building findings, the decision lines a fix
 * writes and where it puts them, and the domestic-abuse test.
 */
import type { IncidentAnalysis } from '../analysis/types';
import { lookupCode } from '../data/codes';
import { defaultSeverity } from '../data/catalog';
import { nowMarker, type Finding, type Fix, type FixEdit, type RelatedLocation } from '../findings';
import { formatDateTime, formatTime } from '../parser/dates';
import type { CrimeDecision, Incident, Person } from '../parser/types';
import { range, type Range } from '../text/range';

export function makeFinding(rule: string, message: string, r: Range, extra: Partial<Finding> = {}): Finding {
  const f: Finding = { rule, severity: defaultSeverity(rule), message, range: r };
  if (extra.related?.length) f.related = extra.related;
  if (extra.fixes?.length) f.fixes = extra.fixes;
  if (extra.codes?.length) f.codes = extra.codes;
  return f;
}

/** Where a new decision line goes: after the last decision line, else before `Closing:`, else after the last line with content. */
export function insertionEdit(incident: Incident, line: string): FixEdit {
  let at: number;
  const lastDecision = incident.decisions.reduce((m, d) => Math.max(m, d.line), -1);
  if (lastDecision >= 0) at = lastDecision + 1;
  else if (incident.closing) at = incident.closing.line;
  else at = incident.lastContentLine + 1;
  if (at >= incident.lineCount && !incident.lastLineHasEol) {
    // The incident ends the file without a newline: start a new line at its end.
    const endLine = incident.lineCount - 1;
    return { range: range(endLine, incident.lastLineLength, incident.lastLineLength), text: '\n' + line };
  }
  return { range: range(at, 0, 0), text: line + '\n' };
}

/** The incident's `Crime:` lines, in order. */
export function crimesOf(incident: Incident): CrimeDecision[] {
  return incident.decisions.filter((d): d is CrimeDecision => d.kind === 'crime');
}

/**
 * Whether a reported rape meets the recording test: the victim gave an account
 * herself, or a professional third party reported it about a victim who is
 * known (an unidentified or unwilling-to-be-named victim's report stays an N100).
 */
export function rapeTestMet(analysis: IncidentAnalysis): boolean {
  return analysis.victimAccount || (analysis.professionalReport && !analysis.cues.has('victim-unidentified'));
}

/** The words for a victim in a message, by the victim's recorded sex: "herself", "his", "they" ("themselves" where unknown). */
export function victimWords(p: Person | undefined): { self: string; poss: string; subj: string } {
  if (p?.sex === 'female') return { self: 'herself', poss: 'her', subj: 'she' };
  if (p?.sex === 'male') return { self: 'himself', poss: 'his', subj: 'he' };
  return { self: 'themselves', poss: 'their', subj: 'they' };
}

export function victimPerson(incident: Incident, label: string | undefined): Person | undefined {
  if (!label) return incident.victims.length === 1 ? incident.victims[0] : undefined;
  return incident.victims.find((v) => v.label === label);
}

/** Whether a crime against this victim must carry the DA flag, and why. */
export function domesticFor(incident: Incident, analysis: IncidentAnalysis, victim: string | undefined): { domestic: boolean; why: string } {
  const person = victimPerson(incident, victim);
  if (person && person.age !== undefined && (person.ageUpper ?? person.age) < 16) return { domestic: false, why: '' };
  const label = victim ?? person?.label;
  const rel = (label && analysis.relationships.get(label)) || (!label ? [...analysis.relationships.values()][0] : undefined);
  if (rel && (rel.intimate || rel.family)) {
    const suspectsUnder16 = incident.suspects.length > 0 && incident.suspects.every((s) => s.age !== undefined && (s.ageUpper ?? s.age) < 16);
    if (!suspectsUnder16) {
      const what = rel.formerPartner ? 'former partners' : rel.intimate ? 'partners' : 'family';
      return { domestic: true, why: `victim and suspect are ${what}${rel.description ? ` ('${rel.description}')` : ''}` };
    }
  }
  if (analysis.domesticOpening) return { domestic: true, why: `the opening code is ${incident.opening?.value.trim()}` };
  return { domestic: false, why: '' };
}

/** `Crime: 8N Assault with injury | victim V1 | recorded {now} | flags DA` */
export function crimeLine(code: string, victim: string | undefined, style: 'uk' | 'iso', domestic: boolean): string {
  const c = lookupCode(code);
  const parts = [`Crime: ${c ? `${c.code} ${c.title}` : code}`];
  if (victim) parts.push(`victim ${victim}`);
  parts.push(`recorded ${nowMarker(style)}`);
  if (domestic) parts.push('flags DA');
  return parts.join(' | ');
}

export function n100Line(victim: string | undefined, style: 'uk' | 'iso'): string {
  return ['N100: recorded ' + nowMarker(style), ...(victim ? [`victim ${victim}`] : [])].join(' | ');
}

/**
 * One fix per candidate code, each inserting a complete Crime: line.
 * Preferred only for the first code, when the facts make it certain and the
 * code is verified.
 */
export function crimeFixes(incident: Incident, codes: readonly string[], victim: string | undefined, certain: boolean, domestic: boolean): Fix[] {
  return codes.map((code, i) => {
    const c = lookupCode(code);
    const title = c ? `${c.code} ${c.title}` : code;
    return {
      title: `Record ${title}${victim ? ` for ${victim}` : ''}${domestic ? ' (DA)' : ''}${c && !c.verified ? ' (code unverified)' : ''}`,
      preferred: i === 0 && certain && !!c?.verified,
      edits: [insertionEdit(incident, crimeLine(code, victim, incident.dateStyle, domestic))],
      codes: [code],
    };
  });
}

/** "21:42", or "15/03/2018 09:10" when the entry is on a later day than Received. */
export function entryWhen(incident: Incident, entryIndex: number): string {
  const e = incident.entries[entryIndex];
  if (!e) return '';
  const r = incident.received?.date;
  if (e.date && r && (e.date.day !== r.day || e.date.month !== r.month || e.date.year !== r.year)) {
    return formatDateTime(e.date, e.time, incident.dateStyle);
  }
  return formatTime({ ...e.time, hasSeconds: false });
}

export function describeCode(code: string): string {
  const c = lookupCode(code);
  if (!c) return code;
  return `${c.code} ${c.title}${c.verified ? '' : ' (code unverified)'}`;
}

export function related(r: Range, message: string): RelatedLocation {
  return { range: r, message };
}

/** The words quoted in a message, shortened to a readable length. */
export function quote(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t;
}

export function titleOf(family: string, lexFamilies: ReadonlyMap<string, { title: string }>): string {
  return lexFamilies.get(family)?.title ?? family;
}
