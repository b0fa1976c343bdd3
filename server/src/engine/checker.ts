/**
 * The checker: parse, analyse, run every rule, apply suppressions and rule
 * settings. Incidents are independent, so each incident's result is cached by
 * its text; re-checking a document after an edit re-analyses only the
 * incidents whose text changed. The server and the CLI both use this.
 */
import { analyseIncident } from '../analysis/analyse';
import type { IncidentAnalysis } from '../analysis/types';
import { resolveConfig, type CountingRulesConfig } from '../config/types';
import { EDITIONS } from '../data/editions';
import { getLexicon, type Lexicon, type LexiconProblem } from '../data/lexicon';
import { defaultSeverity } from '../data/catalog';
import type { Finding } from '../findings';
import { countLineBreaks, duplicateIncidentFindings, parsePreamble, splitIntoChunks } from '../parser/file';
import { parseIncidentText } from '../parser/incident';
import type { Incident, Preamble } from '../parser/types';
import { INCIDENT_RULES } from '../rules';
import type { Rule } from '../rules/types';
import { detectEol, type Eol } from '../text/lines';
import { shiftRange } from '../text/range';
import { applyIncidentDirectives, applyRuleSettings, fileDisabledRules } from './suppress';

export interface IncidentReport {
  incident: Incident;
  analysis: IncidentAnalysis;
  /** Findings with ranges relative to the incident's first line, after its own directives and the rule settings. */
  findings: Finding[];
}

export interface FileReport {
  eol: Eol;
  lineCount: number;
  preamble: Preamble;
  incidents: IncidentReport[];
  /** Every finding with absolute ranges (fix edits too), in document order. */
  findings: Finding[];
  /** Rule failures (a bug, never the user's input): rule id and message, without log text. */
  internalErrors: string[];
  /** Incidents analysed afresh in this check (the rest came from the cache). */
  analysed: number;
}

interface Cached {
  report: IncidentReport;
  usedBy: number;
}

export const EDITION_RULE = 'edition-not-covered';

/** Moves a finding (its range, related locations and fix edits) down by `lines`. */
export function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  const out: Finding = { ...f, range: shiftRange(f.range, lines) };
  if (f.related) out.related = f.related.map((r) => ({ ...r, range: shiftRange(r.range, lines) }));
  if (f.fixes) out.fixes = f.fixes.map((fx) => ({ ...fx, edits: fx.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) }));
  return out;
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);
}

export class Checker {
  readonly config: CountingRulesConfig;
  readonly lexicon: Lexicon;
  readonly lexiconProblems: LexiconProblem[];
  /** Results by incident text; the last incident of a file (which may end without a newline) apart. */
  private cache = new Map<string, Cached>();
  private lastCache = new Map<string, Cached>();
  private generation = 0;

  constructor(config?: Partial<CountingRulesConfig> | null, private readonly rules: readonly Rule[] = INCIDENT_RULES) {
    this.config = resolveConfig(config);
    const { lexicon, problems } = getLexicon(this.config.triggers);
    this.lexicon = lexicon;
    this.lexiconProblems = problems;
  }

  /** Parses, analyses and checks one incident's text (cached by text). */
  private incident(text: string, startLine: number, isLast: boolean, errors: string[], owned: ReadonlySet<IncidentReport>): { report: IncidentReport; fresh: boolean } {
    const hit = (isLast ? this.lastCache : this.cache).get(text);
    if (hit && hit.usedBy !== this.generation && !owned.has(hit.report)) {
      hit.usedBy = this.generation;
      hit.report.incident.startLine = startLine;
      return { report: hit.report, fresh: false };
    }
    const incident = parseIncidentText(text, startLine, isLast);
    const analysis = analyseIncident(incident, this.lexicon, this.config);
    let findings: Finding[] = [...incident.findings];
    const ctx = { incident, analysis, config: this.config, lexicon: this.lexicon };
    for (const rule of this.rules) {
      try {
        findings.push(...rule.check(ctx));
      } catch (e) {
        errors.push(`${rule.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    findings = applyRuleSettings(applyIncidentDirectives(incident, findings), this.config.rules).sort(byPosition);
    const report: IncidentReport = { incident, analysis, findings };
    if (!hit) (isLast ? this.lastCache : this.cache).set(text, { report, usedBy: this.generation });
    return { report, fresh: true };
  }

  /** The last document checked, kept to find what an edit changed. */
  private previous?: { text: string; preText: string; pieces: Piece[] };

  /**
   * Checks a whole document. Never throws on any input. When called again
   * with an edited version of the same document, only the incidents the edit
   * touched are parsed and analysed again; the rest are moved.
   */
  check(text: string): FileReport {
    this.generation++;
    const errors: string[] = [];
    const split = this.previous ? this.splitEdited(this.previous, text) : undefined;
    const { preText, pieces } = split ?? this.splitWhole(text);
    const { preamble, findings: preFindings } = parsePreamble(preText, pieces.length > 0);
    let line = pieces.length ? countLineBreaks(preText) : 0;
    const incidents: IncidentReport[] = [];
    let analysed = 0;
    const keep = new Map<string, Cached>();
    const keepLast = new Map<string, Cached>();
    // Each piece owns its report: two incidents with the same text must not share one (their lines differ).
    const owned = new Set<IncidentReport>();
    pieces.forEach((p, k) => {
      const isLast = k === pieces.length - 1;
      if (!p.report || p.isLast !== isLast || owned.has(p.report)) {
        const { report, fresh } = this.incident(p.text, line, isLast, errors, owned);
        if (fresh) analysed++;
        p.report = report;
        p.isLast = isLast;
      } else {
        p.report.incident.startLine = line;
      }
      owned.add(p.report);
      const cached = (isLast ? this.lastCache : this.cache).get(p.text);
      if (cached && cached.report === p.report) (isLast ? keepLast : keep).set(p.text, cached);
      incidents.push(p.report);
      line += p.report.incident.lineCount;
    });
    // Keep only what this version of the document uses: memory follows the document, not its history.
    this.cache = keep;
    this.lastCache = keepLast;
    this.previous = { text, preText, pieces };

    const fileOff = fileDisabledRules(preamble.directives);
    const fileLevel: Finding[] = [...preFindings, ...duplicateIncidentFindings(incidents.map((r) => r.incident))];
    const fallback = incidents.find((r) => r.analysis.editionFallback && r.incident.received);
    if (fallback) {
      const first = EDITIONS[0];
      const r = fallback.incident.received!;
      fileLevel.push({
        rule: EDITION_RULE,
        severity: defaultSeverity(EDITION_RULE),
        message: `Incidents received before ${first.from} are checked against the earliest edition of the counting rules in rules-data (${first.title}); older editions are not in rules-data, so rules that changed since may not match what applied then.`,
        range: shiftRange(r.range, fallback.incident.startLine),
      });
    }
    // Incidents are in document order and each one's findings are sorted, so only file-level findings need placing.
    let all: Finding[] = [];
    for (const r of incidents) {
      const abs = absoluteFindings(r);
      for (let i = 0; i < abs.length; i++) all.push(abs[i]);
    }
    const extra = applyRuleSettings(fileLevel, this.config.rules);
    if (extra.length) all = all.concat(extra).sort(byPosition);
    const findings = fileOff.size ? all.filter((f) => !fileOff.has(f.rule)) : all;
    return {
      eol: detectEol(text),
      lineCount: pieces.length ? line : countLineBreaks(text) + 1,
      preamble,
      incidents,
      findings,
      internalErrors: errors,
      analysed,
    };
  }

  private splitWhole(text: string): { preText: string; pieces: Piece[] } {
    const { preamble, chunks } = splitIntoChunks(text);
    return { preText: preamble, pieces: chunks.map((c) => ({ offset: c.offset, text: c.text })) };
  }

  /**
   * Splits an edited document by reusing the previous split: the text the
   * edit did not touch keeps its incidents (moved by the edit's length);
   * only the incidents the edit touched, and their neighbours, are split
   * again. Falls back to a whole split when the edit is large.
   */
  private splitEdited(prev: { text: string; preText: string; pieces: Piece[] }, text: string): { preText: string; pieces: Piece[] } | undefined {
    const old = prev.text;
    if (old === text) return { preText: prev.preText, pieces: prev.pieces.map((p) => ({ ...p })) };
    const p = commonPrefix(old, text);
    const s = commonSuffix(old, text, p);
    const oldEnd = old.length - s;
    const delta = text.length - old.length;
    const pieces = prev.pieces;
    if (!pieces.length) return undefined;
    // The pieces the edit touches, with a character's margin either side, plus the piece before.
    const lo = Math.max(0, p - 1);
    const hi = Math.min(old.length, oldEnd + 1);
    let first = pieces.findIndex((x) => x.offset + x.text.length >= lo);
    if (first < 0) first = pieces.length - 1;
    let last = first;
    while (last + 1 < pieces.length && pieces[last + 1].offset <= hi) last++;
    const from = first - 1; // -1: the preamble
    if (last - from > 50) return undefined;
    const regionStart = from < 0 ? 0 : pieces[from].offset;
    const regionEndOld = last + 1 < pieces.length ? pieces[last + 1].offset : old.length;
    const region = text.slice(regionStart, regionEndOld + delta);
    const split = splitIntoChunks(region);
    let preText = prev.preText;
    const middle: Piece[] = [];
    if (from < 0) preText = split.preamble;
    else if (split.preamble) {
      // The region no longer starts with an incident line: its first text joins the piece before.
      return undefined;
    }
    for (const c of split.chunks) middle.push({ offset: regionStart + c.offset, text: c.text });
    const before = pieces.slice(0, Math.max(from, 0)).map((x) => ({ ...x }));
    const after = pieces.slice(last + 1).map((x) => ({ ...x, offset: x.offset + delta }));
    return { preText, pieces: [...before, ...middle, ...after] };
  }
}

/** One incident's text and where it sits; its report once checked. */
interface Piece {
  offset: number;
  text: string;
  report?: IncidentReport;
  isLast?: boolean;
}

/** Length of the common prefix of two strings, compared in native 4 KB slices then by character. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  const STEP = 4096;
  while (i + STEP <= n && a.slice(i, i + STEP) === b.slice(i, i + STEP)) i += STEP;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix, not overlapping a prefix of `p` characters. */
function commonSuffix(a: string, b: string, p: number): number {
  const n = Math.min(a.length, b.length) - p;
  let i = 0;
  const STEP = 4096;
  while (i + STEP <= n && a.slice(a.length - i - STEP, a.length - i) === b.slice(b.length - i - STEP, b.length - i)) i += STEP;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** An incident's findings at their place in the file, kept until the incident moves. */
const absoluteCache = new WeakMap<IncidentReport, { startLine: number; findings: Finding[] }>();
function absoluteFindings(r: IncidentReport): Finding[] {
  const at = r.incident.startLine;
  const hit = absoluteCache.get(r);
  if (hit && hit.startLine === at) return hit.findings;
  const findings = r.findings.map((f) => shiftFinding(f, at));
  absoluteCache.set(r, { startLine: at, findings });
  return findings;
}

/** Checks text once, without keeping a cache. */
export function checkText(text: string, config?: Partial<CountingRulesConfig> | null): FileReport {
  return new Checker(config).check(text);
}
