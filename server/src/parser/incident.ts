/**
 * Parsing one incident: from its `Incident <id>` line up to the next one.
 * Line-oriented: every line is classified by its first characters alone.
 * It never throws; whatever it cannot read becomes a finding.
 */
import type { Finding } from '../findings';
import { splitLines, type SourceLine } from '../text/lines';
import { range, type Range } from '../text/range';
import { suggest } from '../text/suggest';
import {
  addDays,
  compareTimes,
  formatDate,
  formatDateTime,
  localToInstant,
  readDate,
  readLooseDate,
  readLooseTime,
  readTime,
  type DateStyle,
  type LocalDate,
  type LocalTime,
} from './dates';
import { readDateTimeValue } from './datetime-value';
import { readDecision, type DecisionLine } from './decisions';
import { readComment } from './directives';
import { readPerson, readReporter } from './people';
import { replacementFixes, structureFinding } from './report';
import type { DecisionKind, Field, FieldName, Incident, LogEntry, Person } from './types';

/** Field keywords and decision keywords, by their lower-case, single-spaced form. */
const FIELD_NAMES: Record<string, FieldName> = {
  received: 'received',
  opening: 'opening',
  reporter: 'reporter',
  victim: 'victim',
  suspect: 'suspect',
  location: 'location',
  closing: 'closing',
};
const DECISION_NAMES: Record<string, DecisionKind> = {
  crime: 'crime',
  n100: 'n100',
  cancelled: 'cancelled',
  'no crime': 'no-crime',
};
/** How each keyword is written, for suggestions and completion. */
export const KEYWORDS: readonly string[] = ['Received', 'Opening', 'Reporter', 'Victim', 'Suspect', 'Location', 'Closing', 'Crime', 'N100', 'Cancelled', 'No crime'];
const SINGLE_FIELDS: ReadonlySet<FieldName> = new Set(['received', 'opening', 'reporter', 'location', 'closing']);

const ID_RE = /^[A-Za-z0-9/_.-]+$/;
const KEYWORD_RE = /^([A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z][A-Za-z0-9-]*)?)[ \t]*:/;
/** An author token: one token with a digit in it (CH1234, PC5678, DS301), then a colon. */
const AUTHOR_RE = /^([A-Za-z][A-Za-z0-9_./-]*\d[A-Za-z0-9_./-]*|\d[A-Za-z0-9_./-]*):(?=\s|$)/;

export const INCIDENT_LINE_RE = /^incident(?=[ \t]|$)/i;

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
}

function firstNonBlank(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i;
}

interface PendingEntry {
  entry: LogEntry;
}

/**
 * Parses an incident from its lines. `lines[0]` is the `Incident` line;
 * `startLine` is where it sits in the file.
 */
export function parseIncidentLines(lines: readonly SourceLine[], startLine: number): Incident {
  const findings: Finding[] = [];
  const header = lines[0]?.text ?? '';
  const hm = /^(incident)(?:([ \t]+)(\S+))?(.*)$/i.exec(header);
  let id = '';
  let idRange = range(0, 0, header.length);
  if (hm) {
    if (hm[3] !== undefined) {
      const idStart = hm[1].length + hm[2].length;
      id = hm[3];
      idRange = range(0, idStart, idStart + id.length);
      if (!ID_RE.test(id)) {
        findings.push(structureFinding('syntax', `Incident id '${id}' may hold only letters, digits and / - _ . characters.`, idRange));
      }
      const trailing = hm[4].trim();
      if (trailing) {
        const at = header.indexOf(trailing, idStart + id.length);
        findings.push(structureFinding('syntax', `Only the incident id follows 'Incident'; '${trailing}' is extra. Put notes in a '#' comment.`, range(0, at, at + trailing.length)));
      }
    } else {
      idRange = range(0, 0, hm[1].length);
      findings.push(structureFinding('syntax', `'Incident' needs an id, e.g. 'Incident 2018/0314/0457'.`, idRange));
    }
  }

  const incident: Incident = {
    startLine,
    lineCount: lines.length,
    id,
    idRange,
    headerRange: range(0, 0, header.length),
    lastContentLine: 0,
    fields: [],
    victims: [],
    suspects: [],
    entries: [],
    decisions: [],
    comments: [],
    directives: [],
    dateStyle: 'uk',
    findings,
    lastLineHasEol: (lines[lines.length - 1]?.eol ?? '') !== '',
    lastLineLength: lines[lines.length - 1]?.text.length ?? 0,
  };

  let open: PendingEntry | undefined;
  const victimFields: Field[] = [];
  const suspectFields: Field[] = [];
  const decisionLines: { kind: DecisionKind; dl: DecisionLine }[] = [];
  const seenFields = new Map<FieldName, Field>();
  const unknownKeywords: { keyword: string; range: Range }[] = [];
  let firstDateStyle: DateStyle | undefined;

  for (let i = 1; i < lines.length; i++) {
    const text = lines[i].text;
    if (isBlank(text)) {
      open = undefined;
      continue;
    }
    incident.lastContentLine = i;
    const fnb = firstNonBlank(text);
    const c = text.charCodeAt(fnb);
    if (c === 35 /* # */) {
      const { comment, directive } = readComment(text, i, findings);
      incident.comments.push(comment);
      if (directive) incident.directives.push(directive);
      continue;
    }
    if (fnb > 0) {
      if (open) {
        appendContinuation(open.entry, text, fnb, i);
      } else {
        findings.push(
          structureFinding(
            'syntax',
            'An indented line must continue a log entry (the line above it). Start a new entry with its time, or remove the indent.',
            range(i, fnb, text.length),
          ),
        );
      }
      continue;
    }
    open = undefined;
    if (c >= 48 && c <= 57) {
      const entry = readEntry(text, i, findings);
      if (entry) {
        incident.entries.push(entry);
        open = { entry };
        if (entry.dated && !firstDateStyle) firstDateStyle = /^\d{4}-/.test(text) ? 'iso' : 'uk';
      }
      continue;
    }
    const km = KEYWORD_RE.exec(text);
    if (!km) {
      findings.push(
        structureFinding(
          'syntax',
          `This line is not a field, a decision, a log entry or a comment. Log entries start with a time (HH:MM); fields and decisions with 'Word:'; comments with '#'.`,
          range(i, 0, text.length),
        ),
      );
      continue;
    }
    const keyword = km[1];
    const norm = keyword.toLowerCase().replace(/[ \t]+/g, ' ');
    const keywordRange = range(i, 0, keyword.length);
    let valueStart = km[0].length;
    while (valueStart < text.length && (text.charCodeAt(valueStart) === 32 || text.charCodeAt(valueStart) === 9)) valueStart++;
    const fieldName = FIELD_NAMES[norm];
    if (fieldName) {
      const value = text.slice(valueStart).trimEnd();
      const field: Field = {
        name: fieldName,
        line: i,
        range: range(i, 0, text.length),
        keyword,
        keywordRange,
        value,
        valueRange: range(i, valueStart, valueStart + value.length),
      };
      incident.fields.push(field);
      if (SINGLE_FIELDS.has(fieldName) && seenFields.has(fieldName)) {
        const first = seenFields.get(fieldName)!;
        findings.push({
          ...structureFinding('duplicate-field', `'${keyword}:' is given more than once in this incident; only the first is used.`, field.range),
          related: [{ range: first.range, message: `First '${first.keyword}:' here` }],
        });
        continue;
      }
      seenFields.set(fieldName, field);
      if (fieldName === 'victim') victimFields.push(field);
      else if (fieldName === 'suspect') suspectFields.push(field);
      else if (fieldName === 'opening') incident.opening = field;
      else if (fieldName === 'location') incident.location = field;
      else if (fieldName === 'closing') incident.closing = field;
      else if (fieldName === 'reporter') incident.reporter = readReporter(field);
      else if (fieldName === 'received') incident.receivedField = field;
      continue;
    }
    const decisionKind = DECISION_NAMES[norm];
    if (decisionKind) {
      decisionLines.push({ kind: decisionKind, dl: { line: i, text, keyword, keywordRange, valueStart } });
      continue;
    }
    unknownKeywords.push({ keyword, range: keywordRange });
  }

  // Did-you-mean, once every field is known: never suggest a field the incident may have only once and already has.
  for (const u of unknownKeywords) {
    const s = suggest(u.keyword, KEYWORDS).filter((k) => {
      const name = FIELD_NAMES[k.toLowerCase()];
      return !name || !SINGLE_FIELDS.has(name) || !seenFields.has(name);
    });
    findings.push(
      structureFinding(
        'unknown-field',
        `Unknown field '${u.keyword}:'${s.length ? `; did you mean '${s[0]}:'?` : '.'} Fields are ${KEYWORDS.slice(0, 7).join(', ')}; decisions are Crime, N100, Cancelled and No crime.`,
        u.range,
        replacementFixes(u.range, s, (x) => `Change to '${x}:'`),
      ),
    );
  }

  // Received: the 24-hour clock starts here, and time-only entries take its date.
  if (incident.receivedField) {
    const f = incident.receivedField;
    if (!f.value) {
      findings.push(structureFinding('invalid-date', `Received: needs the date and time the report reached the force, e.g. 'Received: 14/03/2018 21:42'.`, f.range));
    } else {
      incident.received = readDateTimeValue(f.value, f.line, f.valueRange.start.character, 'Received', { style: 'uk' }, findings);
    }
  } else {
    findings.push(
      structureFinding(
        'missing-received',
        `Incident ${id || ''} has no 'Received:' field. Add 'Received: DD/MM/YYYY HH:MM', the time the report reached the force: the 24-hour recording limit starts there.`.replace('  ', ' '),
        incident.headerRange,
      ),
    );
  }
  incident.dateStyle = incident.received?.style ?? firstDateStyle ?? 'uk';

  resolveEntryTimes(incident, findings);

  const fallbackDate = lastKnownDate(incident);
  for (const { kind, dl } of decisionLines) {
    incident.decisions.push(readDecision(kind, dl, { fallbackDate, style: incident.dateStyle }, findings));
  }

  incident.victims = labelPeople(victimFields, 'V');
  incident.suspects = labelPeople(suspectFields, 'S');
  return incident;
}

/** People with their labels; unlabelled ones get the next free label (V1 for a sole victim). */
function labelPeople(fields: Field[], prefix: 'V' | 'S'): Person[] {
  const people = fields.map((f) => readPerson(f, prefix, ''));
  const used = new Set(people.filter((p) => !p.labelImplied).map((p) => p.label));
  let n = 1;
  for (const p of people) {
    if (!p.labelImplied) continue;
    while (used.has(`${prefix}${n}`)) n++;
    p.label = `${prefix}${n}`;
    used.add(p.label);
  }
  return people;
}

function lastKnownDate(incident: Incident): LocalDate | undefined {
  for (let i = incident.entries.length - 1; i >= 0; i--) {
    const d = incident.entries[i].date;
    if (d) return d;
  }
  return incident.received?.date;
}

function appendContinuation(entry: LogEntry, text: string, from: number, line: number): void {
  const piece = text.slice(from).trimEnd();
  const offset = entry.text.length + 1;
  entry.text += ' ' + piece;
  entry.segments.push({ offset, line, character: from, length: piece.length });
  entry.lineCount = line - entry.line + 1;
  entry.range = range(entry.line, 0, from + piece.length, line);
}

/** `[<date>] <time> [<author>:] <text>` */
function readEntry(text: string, line: number, findings: Finding[]): LogEntry | undefined {
  let at = 0;
  let date: LocalDate | undefined;
  let dateRange;
  const d = readDate(text, 0);
  if (d) {
    dateRange = range(line, 0, d.length);
    if (!d.valid) {
      findings.push(structureFinding('invalid-date', `'${text.slice(0, d.length)}' is not a real date.`, dateRange));
      return undefined;
    }
    date = d.date;
    const sep = text.charAt(d.length);
    if (sep !== ' ' && sep !== 'T') {
      findings.push(structureFinding('invalid-date', `A log entry gives a time after its date: '${text.slice(0, d.length)} HH:MM ...'.`, dateRange));
      return undefined;
    }
    at = d.length + 1;
  }
  const t = readTime(text, at);
  if (!t) {
    reportUnreadableStart(text, line, at, !!d, findings);
    return undefined;
  }
  const timeRange = range(line, at, at + t.length);
  if (!t.valid) {
    findings.push(structureFinding('invalid-date', `'${text.slice(at, at + t.length)}' is not a time (24-hour HH:MM).`, timeRange));
    return undefined;
  }
  at += t.length;
  if (at < text.length && text.charCodeAt(at) !== 32 && text.charCodeAt(at) !== 9) {
    findings.push(structureFinding('syntax', `Put a space after the time.`, range(line, at, at + 1)));
  }
  while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  let author: string | undefined;
  let authorRange;
  const am = AUTHOR_RE.exec(text.slice(at));
  if (am) {
    author = am[1];
    authorRange = range(line, at, at + am[1].length);
    at += am[0].length;
    while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  }
  const narrative = text.slice(at).trimEnd();
  return {
    line,
    lineCount: 1,
    range: range(line, 0, text.trimEnd().length),
    timeRange,
    dateRange,
    author,
    authorRange,
    text: narrative,
    segments: [{ offset: 0, line, character: at, length: narrative.length }],
    date,
    time: t.time,
    dated: !!date,
  };
}

/** A line that starts with a digit but has no readable date and time. */
function reportUnreadableStart(text: string, line: number, at: number, hadDate: boolean, findings: Finding[]): void {
  if (!hadDate) {
    const loose = readLooseDate(text, 0);
    if (loose) {
      const rest = text.slice(loose.length);
      const sp = rest.match(/^[ T]+/)?.[0].length ?? 0;
      const lt = readLooseTime(rest, sp);
      const style: DateStyle = /^\d{4}/.test(text) ? 'iso' : 'uk';
      const fixedDate = formatDate(loose.date, style);
      const end = lt ? loose.length + sp + lt.length : loose.length;
      const fixed = lt ? formatDateTime(loose.date, lt.time, style) : fixedDate;
      findings.push(
        structureFinding(
          'invalid-date',
          `Write dates as DD/MM/YYYY or YYYY-MM-DD${lt ? ' and times as HH:MM' : ', followed by the time'} ('${fixed}').`,
          range(line, 0, end),
          [{ title: `Change to '${fixed}'`, preferred: true, edits: [{ range: range(line, 0, end), text: fixed }] }],
        ),
      );
      return;
    }
  }
  const lt = readLooseTime(text, at);
  if (lt) {
    const fixed = `${String(lt.time.hour).padStart(2, '0')}:${String(lt.time.minute).padStart(2, '0')}`;
    const r = range(line, at, at + lt.length);
    findings.push(
      structureFinding('invalid-date', `Write times as 24-hour HH:MM ('${fixed}').`, r, [
        { title: `Change to '${fixed}'`, preferred: true, edits: [{ range: r, text: fixed }] },
      ]),
    );
    return;
  }
  findings.push(
    structureFinding(
      hadDate ? 'invalid-date' : 'syntax',
      hadDate ? `A log entry gives a time after its date (HH:MM).` : `A line starting with a digit should be a log entry: '[DD/MM/YYYY] HH:MM [author:] text'.`,
      range(line, 0, text.length),
    ),
  );
}

/**
 * Gives every entry its date and instant: a time alone takes the date of the
 * previous dated line (Received or an earlier entry) and rolls over to the
 * next day when it is earlier than the previous entry's time.
 */
function resolveEntryTimes(incident: Incident, findings: Finding[]): void {
  let date: LocalDate | undefined = incident.received?.date;
  let last: LocalTime | undefined = incident.received?.time;
  for (const e of incident.entries) {
    if (e.dated) {
      date = e.date;
    } else if (date) {
      if (last && compareTimes(e.time, last) < 0) date = addDays(date, 1);
      e.date = date;
    }
    last = e.time;
    if (e.date) {
      const inst = localToInstant(e.date, e.time);
      e.epoch = inst.epoch;
      if (inst.skipped) {
        findings.push(
          structureFinding(
            'invalid-date',
            `${formatDate(e.date, incident.dateStyle)} ${text2(e.time)} did not happen in UK time: the clocks went forward from 01:00 to 02:00 that night.`,
            e.dateRange ? { start: e.dateRange.start, end: e.timeRange.end } : e.timeRange,
          ),
        );
      }
    }
  }
}

const text2 = (t: LocalTime) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/** Parses the text of one incident (its `Incident` line to the next). */
export function parseIncidentText(chunk: string, startLine: number, isLast: boolean): Incident {
  const lines = splitLines(chunk);
  if (!isLast && lines.length > 1 && lines[lines.length - 1].text === '' && lines[lines.length - 1].eol === '') lines.pop();
  return parseIncidentLines(lines, startLine);
}

export { INCIDENT_LINE_RE as incidentLinePattern };
