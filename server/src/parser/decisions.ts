/**
 * Decision lines: `Crime:`, `N100:`, `Cancelled:` and `No crime:`, with their
 * `|`-separated attributes.
 */
import flagsJson from '../../../rules-data/flags.json';
import type { Finding } from '../findings';
import { range, type Range } from '../text/range';
import { suggest } from '../text/suggest';
import { nowMarker } from '../findings';
import { readDateTimeValue, type DateTimeContext } from './datetime-value';
import { replacementFixes, structureFinding } from './report';
import type {
  Attribute,
  CancelledDecision,
  CrimeDecision,
  DateTimeValue,
  Decision,
  DecisionKind,
  N100Decision,
  NoCrimeDecision,
} from './types';

/** The Home Office crime flags a `Crime:` line may carry (rules-data/flags.json). */
export const FLAG_IDS: readonly string[] = (flagsJson as { flags: { id: string }[] }).flags.map((f) => f.id);

export const DECISION_KEYS: Record<Exclude<DecisionKind, 'no-crime'>, readonly string[]> = {
  crime: ['victim', 'recorded', 'ref', 'flags'],
  n100: ['recorded', 'victim', 'ref', 'reason', 'converted'],
  cancelled: ['by', 'at', 'avi', 'reason', 'informed'],
};

/** What the parser knows about a line before reading it as a decision. */
export interface DecisionLine {
  line: number;
  text: string;
  keyword: string;
  keywordRange: Range;
  /** Where the value starts (after the colon and spaces). */
  valueStart: number;
}

interface Segment {
  text: string;
  start: number;
  end: number;
}

/** Splits `text[from..]` at `|`, trimming each piece and keeping its columns. */
function splitSegments(text: string, from: number): { segments: Segment[]; pipes: number[] } {
  const segments: Segment[] = [];
  const pipes: number[] = [];
  let start = from;
  for (let i = from; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 124 /* | */) {
      let s = start;
      let e = i;
      while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
      while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
      segments.push({ text: text.slice(s, e), start: s, end: e });
      if (i < text.length) pipes.push(i);
      start = i + 1;
    }
  }
  return { segments, pipes };
}

function readAttribute(seg: Segment, line: number, pipe: number | undefined): Attribute | undefined {
  const m = /^([A-Za-z][A-Za-z0-9-]*)(?:[ \t]+|$)/.exec(seg.text);
  if (!m) return undefined;
  const key = m[1].toLowerCase();
  const valueStart = seg.start + m[0].length;
  return {
    key,
    keyRange: range(line, seg.start, seg.start + m[1].length),
    value: seg.text.slice(m[0].length),
    valueRange: range(line, valueStart, seg.end),
    range: range(line, pipe ?? seg.start, seg.end),
  };
}

interface AttributeReading {
  attributes: Attribute[];
  byKey: Map<string, Attribute>;
}

/**
 * Reads the attribute segments, reporting unknown keys (with did-you-mean),
 * repeated keys and empty or malformed segments.
 */
function readAttributes(
  segments: Segment[],
  pipes: number[],
  firstPipeIndex: number,
  dl: DecisionLine,
  known: readonly string[],
  what: string,
  findings: Finding[],
): AttributeReading {
  const attributes: Attribute[] = [];
  const byKey = new Map<string, Attribute>();
  if (segments.length === 1 && !segments[0].text) return { attributes, byKey }; // nothing written at all
  segments.forEach((seg, i) => {
    const pipe = i + firstPipeIndex - 1 >= 0 ? pipes[i + firstPipeIndex - 1] : undefined;
    if (!seg.text) {
      const at = pipe ?? seg.start;
      findings.push(structureFinding('syntax', `Empty attribute in ${what}: remove the extra '|'.`, range(dl.line, at, at + 1)));
      return;
    }
    const attr = readAttribute(seg, dl.line, pipe);
    if (!attr) {
      findings.push(
        structureFinding('syntax', `'${seg.text}' is not an attribute: write '| key value', e.g. '| ${known[0]} ...'.`, range(dl.line, seg.start, seg.end)),
      );
      return;
    }
    if (!known.includes(attr.key)) {
      const s = suggest(attr.key, known);
      findings.push(
        structureFinding(
          'unknown-field',
          `Unknown attribute '${attr.key}' in ${what}${s.length ? `; did you mean '${s[0]}'?` : ''} ${what} takes ${known.map((k) => `'${k}'`).join(', ')}.`,
          attr.keyRange,
          replacementFixes(attr.keyRange, s, (x) => `Change to '${x}'`),
        ),
      );
    } else if (byKey.has(attr.key)) {
      findings.push(
        structureFinding('duplicate-field', `'${attr.key}' is given more than once in this ${what}; only the first is used.`, attr.range),
      );
    } else {
      byKey.set(attr.key, attr);
    }
    attributes.push(attr);
  });
  return { attributes, byKey };
}

function dateAttribute(
  attr: Attribute | undefined,
  what: string,
  ctx: DateTimeContext,
  findings: Finding[],
): DateTimeValue | undefined {
  if (!attr || !attr.value) return undefined;
  return readDateTimeValue(attr.value, attr.valueRange.start.line, attr.valueRange.start.character, what, ctx, findings);
}

function base(dl: DecisionLine) {
  const value = dl.text.slice(dl.valueStart).trimEnd();
  return {
    line: dl.line,
    range: range(dl.line, 0, dl.text.length),
    keyword: dl.keyword,
    keywordRange: dl.keywordRange,
    value,
    valueRange: range(dl.line, dl.valueStart, dl.valueStart + value.length),
  };
}

function missingRecorded(dl: DecisionLine, what: string, ctx: DateTimeContext, findings: Finding[], empty?: Attribute): void {
  const end = dl.text.trimEnd().length;
  // A 'recorded' key with no value ("| recorded" at the end of the line) gets its value, not a second key.
  const edit = empty
    ? { range: empty.valueRange, text: `${empty.valueRange.start.character === empty.keyRange.end.character ? ' ' : ''}${nowMarker(ctx.style)}` }
    : { range: range(dl.line, end, end), text: ` | recorded ${nowMarker(ctx.style)}` };
  findings.push(
    structureFinding(
      'missing-recorded-time',
      `${what} has no 'recorded' date and time, so its timeliness cannot be checked. Add '| recorded DD/MM/YYYY HH:MM' with the time it was recorded.`,
      dl.keywordRange,
      [
        {
          title: `Add 'recorded' with the current time (only if it is being recorded now)`,
          preferred: false,
          edits: [edit],
        },
      ],
    ),
  );
}

function readCrime(dl: DecisionLine, ctx: DateTimeContext, findings: Finding[]): CrimeDecision {
  const { segments, pipes } = splitSegments(dl.text, dl.valueStart);
  const head = segments[0];
  const m = /^(\S+)(?:\s+(.*))?$/.exec(head.text);
  const code = m ? m[1] : '';
  const codeRange = range(dl.line, head.start, head.start + code.length);
  if (!code) {
    findings.push(structureFinding('syntax', `Crime: needs a Home Office offence code first, e.g. 'Crime: 8N Assault with injury | victim V1 | recorded ...'.`, dl.keywordRange));
  }
  let title: string | undefined;
  let titleRange: Range | undefined;
  if (m && m[2]) {
    title = m[2];
    titleRange = range(dl.line, head.end - m[2].length, head.end);
  }
  const { attributes, byKey } = readAttributes(segments.slice(1), pipes, 1, dl, DECISION_KEYS.crime, 'Crime:', findings);
  const recordedAttr = byKey.get('recorded');
  const recorded = dateAttribute(recordedAttr, `Crime: recorded`, ctx, findings);
  if (!recordedAttr || !recordedAttr.value) missingRecorded(dl, 'This crime', ctx, findings, recordedAttr);
  const flagsAttribute = byKey.get('flags');
  const flags: string[] = [];
  if (flagsAttribute) {
    const re = /[^\s,;]+/g;
    let fm: RegExpExecArray | null;
    while ((fm = re.exec(flagsAttribute.value))) {
      const flag = fm[0].toUpperCase();
      flags.push(flag);
      if (FLAG_IDS.includes(flag)) continue;
      const at = flagsAttribute.valueRange.start.character + fm.index;
      const r = range(dl.line, at, at + fm[0].length);
      const s = suggest(flag, FLAG_IDS);
      findings.push(
        structureFinding(
          'unknown-field',
          `'${fm[0]}' is not a Home Office crime flag${s.length ? `; did you mean '${s[0]}'?` : '.'} Flags are ${FLAG_IDS.join(', ')}.`,
          r,
          replacementFixes(r, s, (x) => `Change to '${x}'`),
        ),
      );
    }
  }
  const b = base(dl);
  return {
    line: b.line,
    range: b.range,
    keyword: b.keyword,
    keywordRange: b.keywordRange,
    value: b.value,
    valueRange: b.valueRange,
    kind: 'crime',
    code,
    codeRange,
    title,
    titleRange,
    attributes,
    victim: byKey.get('victim')?.value.split(/\s+/)[0]?.toUpperCase() || undefined,
    recorded,
    ref: byKey.get('ref')?.value || undefined,
    flags,
    flagsAttribute,
  };
}

function readN100(dl: DecisionLine, ctx: DateTimeContext, findings: Finding[]): N100Decision {
  const { segments, pipes } = splitSegments(dl.text, dl.valueStart);
  const { attributes, byKey } = readAttributes(segments, pipes, 0, dl, DECISION_KEYS.n100, 'N100:', findings);
  const recordedAttr = byKey.get('recorded');
  const recorded = dateAttribute(recordedAttr, 'N100: recorded', ctx, findings);
  if (!recordedAttr || !recordedAttr.value) missingRecorded(dl, 'This N100', ctx, findings, recordedAttr);
  return {
    ...base(dl),
    kind: 'n100',
    attributes,
    victim: byKey.get('victim')?.value.split(/\s+/)[0]?.toUpperCase() || undefined,
    recorded,
    ref: byKey.get('ref')?.value || undefined,
    reason: byKey.get('reason'),
    converted: byKey.get('converted'),
  };
}

function readCancelled(dl: DecisionLine, ctx: DateTimeContext, findings: Finding[]): CancelledDecision {
  const { segments, pipes } = splitSegments(dl.text, dl.valueStart);
  const head = segments[0];
  const d: CancelledDecision = { ...base(dl), kind: 'cancelled', attributes: [] };
  // `<crime ref> <C-class> [detail]`
  const tokens: { t: string; s: number }[] = [];
  const re = /\S+/g;
  let tm: RegExpExecArray | null;
  while ((tm = re.exec(head.text))) tokens.push({ t: tm[0], s: head.start + tm.index });
  const ci = tokens.findIndex((t) => /^C\d$/i.test(t.t));
  if (ci < 0) {
    findings.push(
      structureFinding(
        'syntax',
        `Cancelled: needs the crime reference and a cancellation class, e.g. 'Cancelled: 20/1234/18 C2 | by FCR | at ... | avi ... | informed yes'.`,
        head.text ? range(dl.line, head.start, head.end) : dl.keywordRange,
      ),
    );
    if (tokens.length) {
      d.crimeRef = tokens[0].t;
      d.crimeRefRange = range(dl.line, tokens[0].s, tokens[0].s + tokens[0].t.length);
    }
  } else {
    if (ci > 0) {
      const first = tokens[0];
      const last = tokens[ci - 1];
      d.crimeRef = head.text.slice(first.s - head.start, last.s - head.start + last.t.length);
      d.crimeRefRange = range(dl.line, first.s, last.s + last.t.length);
    } else {
      findings.push(structureFinding('syntax', `Cancelled: name the crime reference before the class, e.g. 'Cancelled: 20/1234/18 ${tokens[ci].t}'.`, dl.keywordRange));
    }
    d.cClass = tokens[ci].t.toUpperCase();
    d.cClassRange = range(dl.line, tokens[ci].s, tokens[ci].s + tokens[ci].t.length);
    const after = tokens.slice(ci + 1);
    if (after.length) d.detail = head.text.slice(after[0].s - head.start);
  }
  const { attributes, byKey } = readAttributes(segments.slice(1), pipes, 1, dl, DECISION_KEYS.cancelled, 'Cancelled:', findings);
  d.attributes = attributes;
  d.by = byKey.get('by');
  d.at = dateAttribute(byKey.get('at'), 'Cancelled: at', ctx, findings);
  d.avi = byKey.get('avi');
  d.reason = byKey.get('reason');
  d.informed = byKey.get('informed');
  if (d.informed && !/^(yes|no)$/i.test(d.informed.value.trim())) {
    findings.push(structureFinding('syntax', `'informed' takes 'yes' or 'no'.`, d.informed.valueRange));
  }
  return d;
}

function readNoCrime(dl: DecisionLine, findings: Finding[]): NoCrimeDecision {
  const b = base(dl);
  if (!b.value) {
    findings.push(structureFinding('syntax', `No crime: needs the reason, e.g. 'No crime: CCTV shows the property was not taken'.`, dl.keywordRange));
  }
  return { ...b, kind: 'no-crime', reason: b.value };
}

export function readDecision(kind: DecisionKind, dl: DecisionLine, ctx: DateTimeContext, findings: Finding[]): Decision {
  switch (kind) {
    case 'crime':
      return readCrime(dl, ctx, findings);
    case 'n100':
      return readN100(dl, ctx, findings);
    case 'cancelled':
      return readCancelled(dl, ctx, findings);
    case 'no-crime':
      return readNoCrime(dl, findings);
  }
}
