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
  private cache = new Map<string, Cached>();
  private generation = 0;

  constructor(config?: Partial<CountingRulesConfig> | null, private readonly rules: readonly Rule[] = INCIDENT_RULES) {
    this.config = resolveConfig(config);
    const { lexicon, problems } = getLexicon(this.config.triggers);
    this.lexicon = lexicon;
    this.lexiconProblems = problems;
  }

  /** Parses, analyses and checks one incident's text (cached by text). */
  private incident(text: string, startLine: number, isLast: boolean, errors: string[]): { report: IncidentReport; fresh: boolean } {
    const key = (isLast ? '1' : '0') + text;
    const hit = this.cache.get(key);
    if (hit && hit.usedBy !== this.generation) {
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
    if (!hit) this.cache.set(key, { report, usedBy: this.generation });
    return { report, fresh: true };
  }

  /** Checks a whole document. Never throws on any input. */
  check(text: string): FileReport {
    this.generation++;
    const errors: string[] = [];
    const { preamble: preText, chunks } = splitIntoChunks(text);
    const { preamble, findings: preFindings } = parsePreamble(preText, chunks.length > 0);
    let line = chunks.length ? countLineBreaks(preText) : 0;
    const incidents: IncidentReport[] = [];
    let analysed = 0;
    const keep = new Map<string, Cached>();
    chunks.forEach((c, k) => {
      const isLast = k === chunks.length - 1;
      const { report, fresh } = this.incident(c.text, line, isLast, errors);
      if (fresh) analysed++;
      const key = (isLast ? '1' : '0') + c.text;
      const cached = this.cache.get(key);
      if (cached && cached.report === report) keep.set(key, cached);
      incidents.push(report);
      line += report.incident.lineCount;
    });
    // Keep only what this version of the document uses: memory follows the document, not its history.
    this.cache = keep;

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
    const all: Finding[] = applyRuleSettings(fileLevel, this.config.rules);
    for (const r of incidents) {
      for (const f of r.findings) all.push(shiftFinding(f, r.incident.startLine));
    }
    const findings = (fileOff.size ? all.filter((f) => !fileOff.has(f.rule)) : all).sort(byPosition);
    return {
      eol: detectEol(text),
      lineCount: chunks.length ? line : countLineBreaks(text) + 1,
      preamble,
      incidents,
      findings,
      internalErrors: errors,
      analysed,
    };
  }
}

/** Checks text once, without keeping a cache. */
export function checkText(text: string, config?: Partial<CountingRulesConfig> | null): FileReport {
  return new Checker(config).check(text);
}
